// Saying it oneself: "I agree with this plan", "I don't agree" (with a reason, required), and for a social worker
// "Record the council's sign-off" (with an optional note). Each is about the plan as it is now; the server records
// who, when and for which content, and refuses what the member may not do.

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_REASON_MAX, type AgreementRequest } from '../../../shared/versions.js';
import { errorKey, recordAgreement } from '../api.js';

type Open = 'none' | 'disagree' | 'signOff';

export function AgreementForms({ planId, maySignOff, onRecorded }: { planId: string; maySignOff: boolean; onRecorded: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>('none');
  const [text, setText] = useState('');
  const [textProblem, setTextProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; problem: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const disagreeButton = useRef<HTMLButtonElement>(null);
  const signOffButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open !== 'none') field.current?.focus();
  }, [open]);

  const close = (back: Open) => {
    setOpen('none');
    setText('');
    setTextProblem(null);
    requestAnimationFrame(() => (back === 'signOff' ? signOffButton : disagreeButton).current?.focus());
  };

  const send = async (request: AgreementRequest, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await recordAgreement(planId, request);
      setMessage({ text: done, problem: false });
      onRecorded();
      return true;
    } catch (err) {
      setMessage({ text: t(errorKey(err)), problem: true });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    const problem =
      open === 'disagree' && !value ? t('agreement.reasonRequired') : value.length > AGREEMENT_REASON_MAX ? t('agreement.tooLong', { max: AGREEMENT_REASON_MAX }) : null;
    setTextProblem(problem);
    if (problem) return field.current?.focus();
    const was = open;
    const sent =
      open === 'disagree'
        ? await send({ kind: 'disagree', reason: value }, t('agreement.recordedDisagree'))
        : await send(value ? { kind: 'signOff', note: value } : { kind: 'signOff' }, t('agreement.recordedSignOff'));
    if (sent) close(was);
  };

  const fieldId = `agreement-${open}-text`;
  return (
    <div className="agreement-forms">
      <h3>{t('agreement.yourHeading')}</h3>
      <p className="hint">{t('agreement.yourHint')}</p>
      <p className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void send({ kind: 'agree' }, t('agreement.recordedAgree'))}>
          {t('agreement.agree')}
        </button>{' '}
        <button type="button" ref={disagreeButton} aria-expanded={open === 'disagree'} disabled={busy} onClick={() => setOpen(open === 'disagree' ? 'none' : 'disagree')}>
          {t('agreement.disagree')}
        </button>{' '}
        {maySignOff && (
          <button type="button" ref={signOffButton} aria-expanded={open === 'signOff'} disabled={busy} onClick={() => setOpen(open === 'signOff' ? 'none' : 'signOff')}>
            {t('agreement.signOff')}
          </button>
        )}
      </p>
      {open !== 'none' && (
        <form onSubmit={(e) => void submit(e)} noValidate className="agreement-form">
          <div className="field">
            <label htmlFor={fieldId}>{open === 'disagree' ? t('agreement.reasonLabel') : t('agreement.noteLabel')}</label>
            <span className="hint" id={`${fieldId}-hint`}>
              {open === 'disagree' ? t('agreement.reasonHint') : t('agreement.noteHint')}
            </span>
            <textarea
              id={fieldId}
              ref={field}
              rows={4}
              value={text}
              maxLength={AGREEMENT_REASON_MAX}
              required={open === 'disagree'}
              aria-invalid={textProblem ? true : undefined}
              aria-describedby={textProblem ? `${fieldId}-hint ${fieldId}-error` : `${fieldId}-hint`}
              onChange={(e) => setText(e.target.value)}
            />
            {textProblem && (
              <p className="error" id={`${fieldId}-error`} role="alert">
                {textProblem}
              </p>
            )}
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('agreement.busy') : open === 'disagree' ? t('agreement.sendDisagree') : t('agreement.sendSignOff')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => close(open)}>
            {t('agreement.cancel')}
          </button>
        </form>
      )}
      {/* Results read out politely; a refusal in the problem colour, announced at once. */}
      <p role="status" className="success agreement-result">
        {message && !message.problem ? message.text : ''}
      </p>
      {message?.problem && (
        <p className="error" role="alert">
          {message.text}
        </p>
      )}
    </div>
  );
}
