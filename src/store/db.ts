/**
 * The one Dexie database. Every schema version stays here, in order, with its upgrade.
 * Lives in the extension origin: the background writes captures, extension pages read.
 * Content scripts never import this (their IndexedDB would be the webmail page's).
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Address, Interaction, Person, Setting } from './types';

export const DB_NAME = 'kring';

export class KringDb extends Dexie {
  people!: EntityTable<Person, 'id'>;
  addresses!: EntityTable<Address, 'address'>;
  interactions!: EntityTable<Interaction, 'id'>;
  settings!: EntityTable<Setting, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    // v1: people by last contact (the popup list) and a person's history are index reads.
    this.version(1).stores({
      people: 'id, lastContact, [status+lastContact]',
      addresses: 'address, personId',
      interactions: 'id, [personId+at], at',
      settings: 'key',
    });
  }
}

let instance: KringDb | null = null;
/** The shared database of this extension context. */
export function db(): KringDb {
  instance ??= new KringDb();
  return instance;
}
