/** storage.local key of the sidebar's collapsed state (a boolean; nothing personal). */
export const SIDEBAR_COLLAPSED = 'sidebarCollapsed';
