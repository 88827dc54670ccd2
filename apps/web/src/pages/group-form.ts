// The owner / type / domains form the Join and Leave pages share: the group ID computed as the
// visitor types, a field's problems shown once it is touched (all of them on submit), and one
// request to the API at a time, held off as long as its answer says.
import type { RequestOutcome } from '../api/http.js';
import { loadConfig } from '../config/load.js';
import { byId, renderInto } from '../dom/to-dom.js';
import type { Child } from '../dom/vnode.js';
import { computeJoin, type JoinComputation } from '../join/compute.js';
import { type FormField, formFieldOf, waitAfter } from '../site/answers.js';
import { followConfig, holdButton, revealScripted, showFieldProblems } from './common.js';

/** What a page adds to the shared form. */
export interface GroupFormPage<Outcome extends { kind: string }> {
  /** The id of the page's `<form>`. */
  readonly formId: string;
  /** Shows the page's own parts for what the fields now hold. */
  readonly onUpdate: (current: JoinComputation) => void;
  /** The page's own check before sending, after the fields pass; false keeps it from sending. */
  readonly mayAsk?: () => boolean;
  /** What the answer area says while the API works. */
  readonly busyText: string;
  /** Sends the group to the API. */
  readonly ask: (apiBase: string, group: AskedGroup) => Promise<Outcome>;
  /** The answer area for an outcome. */
  readonly render: (outcome: Outcome, asked: JoinComputation) => Child[];
}

/** A refusal the API pinned on one of the form's fields, or `null`. */
function rejection(outcome: { kind: string }): { field: FormField; message: string } | null {
  if (outcome.kind !== 'rejected') return null;
  const { field, error } = outcome as Extract<RequestOutcome, { kind: 'rejected' }>;
  const formField = formFieldOf(field);
  return formField ? { field: formField, message: error } : null;
}

/** The group a form sends: what the fields hold, checked. */
export interface AskedGroup {
  readonly owner: string;
  readonly type: string;
  readonly domains: string[];
}

/** The form's fields, for pages that fill them in. */
export interface GroupFormFields {
  readonly owner: HTMLInputElement;
  readonly type: HTMLSelectElement;
  readonly domains: HTMLTextAreaElement;
}

/**
 * Recomputes the group whenever the visitor changes one of `fields`, shows the problems of the
 * fields they have touched and the group ID in `output` (or `placeholder`), then calls
 * `onChange`. `touchAll()` marks every field touched, for a submit.
 */
export function watchGroupFields(
  fields: GroupFormFields,
  output: HTMLElement,
  placeholder: string,
  onChange: (current: JoinComputation) => void,
): { readonly current: JoinComputation; touchAll(): void; update(): void } {
  // Problems show only for fields the visitor has changed, until they try to submit.
  const touched = new Set<string>();
  let current: JoinComputation = computeJoin({ owner: '', type: '', domains: '' });
  const update = (): void => {
    current = computeJoin({
      owner: fields.owner.value,
      type: fields.type.value,
      domains: fields.domains.value,
    });
    const quiet = new Set(Object.keys(fields).filter((name) => !touched.has(name)));
    showFieldProblems(fields, current.problems, quiet);
    output.textContent = current.groupId ?? placeholder;
    output.classList.toggle('placeholder', current.groupId === null);
    onChange(current);
  };
  for (const [name, element] of Object.entries(fields)) {
    for (const kind of ['input', 'change']) {
      element.addEventListener(kind, () => {
        touched.add(name);
        update();
      });
    }
  }
  return {
    get current() {
      return current;
    },
    touchAll() {
      for (const name of Object.keys(fields)) touched.add(name);
      update();
    },
    update,
  };
}

/**
 * Wires the form: call it once the page's own elements are found. `beforeStart` runs before the
 * first computation (the Leave page fills the fields from its link there).
 */
export function startGroupForm<Outcome extends { kind: string }>(
  page: GroupFormPage<Outcome>,
  beforeStart?: (fields: GroupFormFields) => void,
): void {
  const form = byId<HTMLFormElement>(page.formId);
  const fields: GroupFormFields = {
    owner: byId<HTMLInputElement>('owner'),
    type: byId<HTMLSelectElement>('type'),
    domains: byId<HTMLTextAreaElement>('domains'),
  };
  const submit = byId<HTMLButtonElement>('submit');
  const apiResult = byId('api-result');
  const configPromise = loadConfig();
  void configPromise.then(followConfig);
  let holdUntil = 0;

  revealScripted();
  beforeStart?.(fields);
  const group = watchGroupFields(
    fields,
    byId('group-id'),
    'Fill in the three fields to see your group ID.',
    page.onUpdate,
  );

  const send = async (): Promise<void> => {
    group.touchAll();
    const asked = group.current;
    const first = asked.problems[0];
    if (first || !asked.type) {
      fields[first?.field ?? 'type'].focus();
      return;
    }
    if (page.mayAsk && !page.mayAsk()) return;
    if (Date.now() < holdUntil) return;
    submit.disabled = true;
    apiResult.setAttribute('aria-busy', 'true');
    renderInto(apiResult, page.busyText);
    const config = await configPromise;
    const outcome = await page.ask(config.apiBase, {
      owner: asked.owner,
      type: asked.type.code,
      domains: asked.hostnames,
    });
    apiResult.setAttribute('aria-busy', 'false');
    renderInto(apiResult, ...page.render(outcome, asked));
    submit.disabled = false;
    const rejected = rejection(outcome);
    if (rejected) {
      // The message is shown under the field; the answer area only points at it.
      showFieldProblems(fields, [rejected]);
      fields[rejected.field].focus();
      return;
    }
    holdUntil = holdButton(submit, waitAfter(outcome));
    apiResult.querySelector<HTMLElement>('h3')?.focus();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });
  group.update();
}
