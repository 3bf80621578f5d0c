import { db } from '../../store/db';
import { displayName } from '../components';
import { useLive } from '../useLive';

/** Display names of these people, for rows that show only an id's name (replies owed, suggestions). */
export function useNames(ids: string[]) {
  return useLive(async () => {
    const people = await db().people.bulkGet(ids);
    const addresses = await Promise.all(ids.map((id) => db().addresses.where('personId').equals(id).first()));
    return new Map(ids.map((id, i) => [id, displayName(people[i], addresses[i]?.address)]));
  }, [ids.join(',')]);
}
