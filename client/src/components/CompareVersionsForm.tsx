// Compare any two saved versions (or one with the plan now): two lists to choose from and a Compare button. The
// earlier of the two is always compared with the later, whichever list it was chosen in.

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Version } from '../../../shared/versions.js';
import { navigate } from '../router.js';
import { comparePath, versionLabel } from '../versions/versionWords.js';

const NOW = 'now';

export function CompareVersionsForm({ planId, versions }: { planId: string; versions: readonly Version[] }) {
  const { t, i18n } = useTranslation();
  // Newest first: by default the second newest against the newest (or the only one against the plan now).
  const [from, setFrom] = useState(String(versions[1]?.seq ?? versions[0]?.seq ?? ''));
  const [to, setTo] = useState(versions.length > 1 ? String(versions[0]!.seq) : NOW);
  const [same, setSame] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (from === to) {
      setSame(true);
      document.getElementById('compare-to')?.focus();
      return;
    }
    setSame(false);
    const a = Number(from);
    if (to === NOW) return navigate(comparePath(planId, a));
    const b = Number(to);
    navigate(comparePath(planId, Math.min(a, b), Math.max(a, b)));
  };

  const options = versions.map((v) => (
    <option key={v.seq} value={String(v.seq)}>
      {versionLabel(v.name, v.at, i18n.language, t)}
    </option>
  ));
  return (
    <form className="card compare-form" onSubmit={submit} aria-labelledby="compare-two-heading" noValidate>
      <h2 id="compare-two-heading">{t('versions.compareHeading')}</h2>
      <p className="hint">{t('versions.compareHint')}</p>
      <div className="filter-fields">
        <div className="field">
          <label htmlFor="compare-from">{t('versions.compareFrom')}</label>
          <select id="compare-from" value={from} onChange={(e) => setFrom(e.target.value)}>
            {options}
          </select>
        </div>
        <div className="field">
          <label htmlFor="compare-to">{t('versions.compareTo')}</label>
          <select
            id="compare-to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-invalid={same || undefined}
            aria-describedby={same ? 'compare-same-error' : undefined}
          >
            <option value={NOW}>{t('versions.thePlanNow')}</option>
            {options}
          </select>
        </div>
      </div>
      {same && (
        <p className="error" id="compare-same-error" role="alert">
          {t('versions.compareSame')}
        </p>
      )}
      <button type="submit" className="primary">
        {t('versions.compare')}
      </button>
    </form>
  );
}
