// Copies to take away: the plan as it is now or a saved version, as a PDF (to read, print or send) or a Word file
// (to add to), in English or Welsh (the plan's own language first: the Welsh "Active Offer"), and, when it is for
// someone, who ("Dr Rhys Jones (GP)"). The copy is made on the server from the stored plan; every copy made is
// recorded, and listed here: who took it, when, of what, for whom.

import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GIVEN_TO_MAX, type CopyFormat, type CopyLanguage, type CopyRecord } from '../../../shared/copies.js';
import type { Version } from '../../../shared/versions.js';
import { ApiError, errorKey, fetchCopies, fetchVersions, makeCopy } from '../api.js';
import { FormSubmit } from '../components/FormSubmit.js';
import { Link } from '../components/Link.js';
import { PlanUnavailable } from '../components/PlanUnavailable.js';
import { RadioGroup } from '../components/RadioGroup.js';
import { TextField } from '../components/TextField.js';
import { personLabel } from '../history/historySentence.js';
import { formatWhen } from '../history/historyTime.js';
import { usePlan } from '../plans/usePlan.js';
import { focusIfArrived, useSearch } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

type Loaded<T> = { state: 'loading' } | { state: 'failed'; error: string } | { state: 'ready'; value: T };

/** The version asked for in the address (`?version=12`, from a version's "Take a copy"), if any. */
function versionAsked(search: string): number | null {
  const value = Number(new URLSearchParams(search).get('version'));
  return Number.isInteger(value) && value > 0 ? value : null;
}

export function CopiesPage({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const [versions, setVersions] = useState<Loaded<Version[]>>({ state: 'loading' });
  const [copies, setCopies] = useState<Loaded<CopyRecord[]>>({ state: 'loading' });
  const request = useRef(0);

  const loadCopies = useCallback(async () => {
    const id = ++request.current;
    try {
      const answer = await fetchCopies(planId);
      if (id === request.current) setCopies({ state: 'ready', value: answer.copies });
    } catch (err) {
      if (id === request.current) setCopies({ state: 'failed', error: errorKey(err) });
    }
  }, [planId]);
  const onReady = useCallback(() => {
    void loadCopies();
    fetchVersions(planId).then(
      (answer) => setVersions({ state: 'ready', value: answer.versions }),
      (err: unknown) => setVersions({ state: 'failed', error: errorKey(err) }),
    );
  }, [planId, loadCopies]);
  const planLoad = usePlan(planId, onReady);

  const title = planLoad.state === 'ready' ? t('copies.title', { title: planLoad.plan.title ?? t('home.untitled') }) : t('copies.loading');
  useDocumentTitle(title);
  if (planLoad.state === 'loading') {
    return (
      <div className="page narrow">
        <p role="status">{t('copies.loading')}</p>
      </div>
    );
  }
  if (planLoad.state === 'failed') return <PlanUnavailable error={planLoad.error} returnTo={`/plans/${encodeURIComponent(planId)}/copies`} />;

  const planPath = `/plans/${encodeURIComponent(planId)}`;
  return (
    <div className="page copies-page">
      <h1 tabIndex={-1} ref={focusIfArrived}>
        {title}
      </h1>
      <p className="lead">{t('copies.intro')}</p>
      <ul className="page-links">
        <li>
          <Link href={planPath}>{t('history.backToPlan')}</Link>
        </li>
        <li>
          <Link href={`${planPath}/versions`}>{t('versions.link')}</Link>
        </li>
      </ul>
      {versions.state === 'loading' && <p role="status">{t('copies.loadingVersions')}</p>}
      {versions.state === 'failed' && (
        <p className="error" role="alert">
          {t(versions.error)}
        </p>
      )}
      {versions.state === 'ready' && (
        <CopyForm planId={planId} planLanguage={planLoad.plan.language} versions={versions.value} onMade={() => void loadCopies()} />
      )}
      <CopiesMade copies={copies} />
    </div>
  );
}

function CopyForm(props: { planId: string; planLanguage: CopyLanguage; versions: Version[]; onMade: () => void }) {
  const { t, i18n } = useTranslation();
  const asked = versionAsked(useSearch());
  const [version, setVersion] = useState<string>(asked !== null && props.versions.some((v) => v.seq === asked) ? String(asked) : 'now');
  const [format, setFormat] = useState<CopyFormat>('pdf');
  const [lang, setLang] = useState<CopyLanguage>(props.planLanguage);
  const [givenTo, setGivenTo] = useState('');
  const [givenToProblem, setGivenToProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [made, setMade] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const givenToInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMade(null);
    setProblem(undefined);
    const tooLong = givenTo.trim().length > GIVEN_TO_MAX ? t('copies.givenToTooLong', { max: GIVEN_TO_MAX }) : null;
    setGivenToProblem(tooLong);
    if (tooLong) {
      givenToInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const { file, name } = await makeCopy(props.planId, format, { lang, version: version === 'now' ? null : Number(version), givenTo });
      // Hand the file to the browser as a download.
      const url = URL.createObjectURL(file);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setMade(t('copies.made', { name }));
      props.onMade();
    } catch (err) {
      if (err instanceof ApiError && err.id === 'invalidRequest' && err.issues.some((i) => i.path === 'givenTo')) {
        setGivenToProblem(t('copies.givenToBad'));
        givenToInput.current?.focus();
      } else {
        setProblem(t(errorKey(err)));
      }
    } finally {
      setBusy(false);
    }
  };

  const languageOptions = (['en', 'cy'] as const).map((value) => ({
    value,
    label: t(`language.${value}`),
    hint: value === props.planLanguage ? t('copies.planLanguage') : undefined,
  }));
  // The plan's own language is offered first.
  if (props.planLanguage === 'cy') languageOptions.reverse();
  return (
    <section aria-labelledby="copy-form-heading" className="card">
      <h2 id="copy-form-heading">{t('copies.formHeading')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="copy-version">{t('copies.whichLabel')}</label>
          <p className="hint" id="copy-version-hint">
            {t('copies.whichHint')}
          </p>
          <select id="copy-version" value={version} onChange={(e) => setVersion(e.target.value)} aria-describedby="copy-version-hint">
            <option value="now">{t('copies.now')}</option>
            {props.versions.map((v) => (
              <option key={v.seq} value={String(v.seq)}>
                {t('copies.versionOption', { name: v.name, when: formatWhen(new Date(v.at), i18n.language, t) })}
              </option>
            ))}
          </select>
        </div>
        <RadioGroup
          name="copy-format"
          legend={t('copies.formatLegend')}
          options={[
            { value: 'pdf', label: t('copies.format.pdf'), hint: t('copies.formatHint.pdf') },
            { value: 'docx', label: t('copies.format.docx'), hint: t('copies.formatHint.docx') },
          ]}
          value={format}
          onChange={setFormat}
        />
        <RadioGroup name="copy-language" legend={t('copies.languageLegend')} help={t('copies.languageHelp')} options={languageOptions} value={lang} onChange={setLang} />
        <TextField
          id="copy-given-to"
          label={t('copies.givenToLabel')}
          hint={t('copies.givenToHint')}
          type="text"
          autoComplete="off"
          value={givenTo}
          onChange={setGivenTo}
          maxLength={GIVEN_TO_MAX}
          inputRef={givenToInput}
          error={givenToProblem}
        />
        <FormSubmit problem={problem} busy={busy} label={t('copies.make')} busyLabel={t('copies.making')} />
        <p role="status" className="success">
          {made}
        </p>
      </form>
    </section>
  );
}

function CopiesMade({ copies }: { copies: Loaded<CopyRecord[]> }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="copies-made-heading" className="copies-made">
      <h2 id="copies-made-heading">{t('copies.madeHeading')}</h2>
      {copies.state === 'loading' && <p role="status">{t('copies.madeLoading')}</p>}
      {copies.state === 'failed' && (
        <p className="error" role="alert">
          {t(copies.error)}
        </p>
      )}
      {copies.state === 'ready' && copies.value.length === 0 && <p>{t('copies.noneYet')}</p>}
      {copies.state === 'ready' && copies.value.length > 0 && (
        <table className="copies-table">
          <caption className="visually-hidden">{t('copies.madeHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('copies.column.when')}</th>
              <th scope="col">{t('copies.column.who')}</th>
              <th scope="col">{t('copies.column.what')}</th>
              <th scope="col">{t('copies.column.givenTo')}</th>
            </tr>
          </thead>
          <tbody>
            {copies.value.map((c) => (
              <tr key={c.seq}>
                <td>{formatWhen(new Date(c.at), i18n.language, t)}</td>
                <td>{c.by ? personLabel(c.by, t) : t('history.someoneStart')}</td>
                <td>
                  {[
                    t(`copies.format.${c.format}`),
                    c.lang ? t(`language.${c.lang}`) : null,
                    c.versionName ? t('copies.ofVersion', { name: c.versionName }) : c.versionSeq ? t('copies.ofSavedVersion') : t('copies.ofPlanThen'),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
                <td>{c.givenTo ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
