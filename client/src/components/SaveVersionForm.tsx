// "Save this version": the plan as it is now, under a name the person chooses. The name is checked here first (said
// next to the field and announced); the server checks it again and stamps who saved it and when.

import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VERSION_NAME_MAX, type Version } from '../../../shared/versions.js';
import { ApiError, errorKey, saveVersion } from '../api.js';
import { FormSubmit } from './FormSubmit.js';
import { TextField } from './TextField.js';

export function SaveVersionForm({ planId, onSaved }: { planId: string; onSaved: (version: Version) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [formProblem, setFormProblem] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    setFormProblem(undefined);
    const trimmed = name.trim();
    const problem = !trimmed ? t('versions.nameRequired') : trimmed.length > VERSION_NAME_MAX ? t('versions.nameTooLong', { max: VERSION_NAME_MAX }) : null;
    setNameProblem(problem);
    if (problem) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const version = await saveVersion(planId, trimmed);
      setName('');
      setSaved(t('versions.saved', { name: version.name }));
      onSaved(version);
    } catch (err) {
      if (err instanceof ApiError && err.id === 'invalidRequest' && err.issues.some((i) => i.path === 'name')) {
        setNameProblem(t('versions.nameTooLong', { max: VERSION_NAME_MAX }));
        input.current?.focus();
      } else {
        setFormProblem(t(errorKey(err)));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="save-version-heading" className="card">
      <h2 id="save-version-heading">{t('versions.saveHeading')}</h2>
      <p>{t('versions.saveIntro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="version-name"
          label={t('versions.nameLabel')}
          hint={t('versions.nameHint')}
          type="text"
          autoComplete="off"
          value={name}
          onChange={setName}
          maxLength={VERSION_NAME_MAX}
          inputRef={input}
          error={nameProblem}
        />
        <FormSubmit problem={formProblem} busy={busy} label={t('versions.save')} busyLabel={t('versions.saving')} />
        <p role="status" className="success">
          {saved}
        </p>
      </form>
    </section>
  );
}
