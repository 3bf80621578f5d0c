export interface FoundBrowser {
  path: string | null;
  tried: string[];
}
export function findChromium(): FoundBrowser;
export function findChromiumWithPlaywright(): Promise<FoundBrowser>;
