// The plan's front page: the person's name, how they like to be addressed, their language (English or Welsh: the
// Active Offer), their communication needs (Accessible Information Standard), who can act for them (attorney, deputy,
// advocate), and the circle. The person's own details, so changed with "About me"'s rights; everyone else reads them.

import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { ACTOR_KINDS, DATA_PARTS, readFrontPage, type ActorKind } from '../../../shared/planData.js';
import type { CircleAnswer } from '../../../shared/schemas.js';
import { PartTextField } from './PartTextField.js';
import { useListEditor, usePartJson, useSetField } from './usePart.js';

const ROOT = DATA_PARTS.frontPage.root;

export function FrontPagePanel(props: { doc: Y.Doc; readOnly: boolean; readOnlyNote: string | null; circle: CircleAnswer | null }) {
  const { t } = useTranslation();
  const { doc, readOnly } = props;
  const front = readFrontPage(usePartJson(doc, ROOT));
  const setField = useSetField(doc);
  const part = doc.getMap(ROOT);
  const actors = useListEditor(doc, ROOT, 'actors', (id) => `actor-${id}-name`);

  return (
    <section className="front-page" aria-labelledby="front-page-heading">
      <h2 id="front-page-heading">{t('frontPage.heading')}</h2>
      {props.readOnlyNote && <p className="rights-note">{props.readOnlyNote}</p>}
      <div className="structured-part front-page-fields">
        <PartTextField id="front-name" label={t('frontPage.name')} value={front.name} maxLength={200} readOnly={readOnly} onCommit={(v) => setField(part, 'name', v)} />
        <PartTextField
          id="front-addressAs"
          label={t('frontPage.addressAs')}
          hint={t('frontPage.addressAsHint')}
          value={front.addressAs}
          maxLength={200}
          readOnly={readOnly}
          onCommit={(v) => setField(part, 'addressAs', v)}
        />
        {readOnly ? (
          <p className="field">
            <span className="label">{t('frontPage.language')}</span> {front.language ? t(`language.${front.language}`) : t('budget.notGiven')}
          </p>
        ) : (
          <fieldset>
            <legend>{t('frontPage.language')}</legend>
            <p className="hint">{t('frontPage.languageHint')}</p>
            {(['en', 'cy'] as const).map((language) => (
              <div className="choice" key={language}>
                <input
                  type="radio"
                  id={`front-language-${language}`}
                  name="front-language"
                  checked={front.language === language}
                  onChange={() => setField(part, 'language', language)}
                />
                <label htmlFor={`front-language-${language}`} lang={language}>
                  {t(`language.${language}`)}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <PartTextField
          id="front-communicationNeeds"
          label={t('frontPage.communicationNeeds')}
          hint={t('frontPage.communicationNeedsHint')}
          value={front.communicationNeeds}
          maxLength={2000}
          multiline
          readOnly={readOnly}
          onCommit={(v) => setField(part, 'communicationNeeds', v)}
        />
        <h3 id="front-actors-heading">{t('frontPage.actorsHeading')}</h3>
        <p className="hint">{t('frontPage.actorsHint')}</p>
        {front.actors.length === 0 && <p className="meta">{t('frontPage.noActors')}</p>}
        <ul className="spending-lines" aria-labelledby="front-actors-heading">
          {front.actors.map((actor, index) => (
            <li key={actor.id} className="spending-line">
              <fieldset>
                <legend>{actor.name || t('frontPage.actorNumber', { number: index + 1 })}</legend>
                <PartTextField
                  id={`actor-${actor.id}-name`}
                  label={t('frontPage.actorName')}
                  value={actor.name}
                  maxLength={200}
                  readOnly={readOnly}
                  onCommit={(v) => actors.set(actor.id, 'name', v)}
                />
                {readOnly ? (
                  <p className="field">
                    <span className="label">{t('frontPage.actorKind')}</span> {actor.kind ? t(`frontPage.kind.${actor.kind}`) : t('budget.notGiven')}
                  </p>
                ) : (
                  <div className="field">
                    <label htmlFor={`actor-${actor.id}-kind`}>{t('frontPage.actorKind')}</label>
                    <select
                      id={`actor-${actor.id}-kind`}
                      value={actor.kind ?? ''}
                      onChange={(e) => actors.set(actor.id, 'kind', (e.target.value || null) as ActorKind | null)}
                    >
                      <option value="">{t('budget.chooseFrequency')}</option>
                      {ACTOR_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`frontPage.kind.${kind}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                <PartTextField
                  id={`actor-${actor.id}-contact`}
                  label={t('frontPage.actorContact')}
                  value={actor.contact}
                  maxLength={300}
                  readOnly={readOnly}
                  onCommit={(v) => actors.set(actor.id, 'contact', v)}
                />
                {!readOnly && (
                  <button type="button" className="remove-line" onClick={() => actors.remove(actor.id)}>
                    {t('frontPage.removeActor', { name: actor.name || t('frontPage.actorNumber', { number: index + 1 }) })}
                  </button>
                )}
              </fieldset>
            </li>
          ))}
        </ul>
        {!readOnly && (
          <button type="button" onClick={actors.add}>
            {t('frontPage.addActor')}
          </button>
        )}
        <h3>{t('frontPage.circleHeading')}</h3>
        {props.circle ? (
          <ul className="front-circle">
            {props.circle.members.map((m) => (
              <li key={m.accountId}>
                {m.displayName} ({t(`roles.${m.role}`)})
              </li>
            ))}
          </ul>
        ) : (
          <p className="meta">{t('plan.loading')}</p>
        )}
      </div>
    </section>
  );
}
