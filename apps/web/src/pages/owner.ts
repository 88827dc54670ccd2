// Owner page, /owners/<id>/: one owner's groups with their symmetry drawings.
import { loadConfig } from '../config/load.js';
import { byId, renderInto } from '../dom/to-dom.js';
import { lookUpOwner, ownerIdOfPath } from '../layout/owner.js';
import { renderGroup, renderOwner } from '../members/render.js';
import { followConfig, revealScripted } from './common.js';

const main = byId('main');
const heading = byId('owner-heading');
const status = byId('owner-status');
const groups = byId<HTMLUListElement>('owner-groups');

function done(state: 'ready' | 'missing' | 'error', message: string): void {
  main.dataset.owner = state;
  status.textContent = message;
}

async function load(): Promise<void> {
  const config = await loadConfig();
  followConfig(config);
  const id = ownerIdOfPath(location.pathname);
  if (!id) {
    done('missing', 'This is not the address of an owner page. See the member list.');
    return;
  }
  let found: Awaited<ReturnType<typeof lookUpOwner>>;
  try {
    found = await lookUpOwner(config.snapshotUrl, id, config.priorityOwner);
  } catch (error) {
    done(
      'error',
      `The owner could not be loaded (${(error as Error).message}). Try again in a moment.`,
    );
    return;
  }
  const member = found.member;
  if (!member) {
    done('missing', 'No member has this owner page: they may have left the club.');
    return;
  }
  document.title = `${member.owner} · symval`;
  renderInto(heading, renderOwner(member));
  renderInto(groups, ...member.groups.map((group) => renderGroup(group, member.owner, '../../')));
  const n = member.groups.length;
  const skipped =
    found.rejected === 0
      ? ''
      : ` ${found.rejected.toLocaleString('en')} unreadable ${found.rejected === 1 ? 'entry was' : 'entries were'} left out.`;
  done('ready', `${n} ${n === 1 ? 'group' : 'groups'}.${skipped}`);
}

revealScripted();
void load();
