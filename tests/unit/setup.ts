// Every unit test gets an in-memory IndexedDB and the fake WebExtension APIs.
import 'fake-indexeddb/auto';
