/**
 * Ledningsgrupp: the assessment board of a round. KF goal → KS goals, each with the proposal and its
 * explanation, the decision and its history; confirm or change with a comment (the draft prefilled);
 * publish to the channel; download the report; write the round's Sammanfattning (chapter 5 of the report).
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Field, Select, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { api } from '../api';
import type { AssessmentCode, Board, GoalView, SummaryAnswer } from '../types';
import { defaultRound, Done, Problem, RoundPicker, useRounds, useViewStyles } from '../ui';

const useStyles = makeStyles({
  goal: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', flexWrap: 'wrap' },
  history: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

const COLORS: Record<AssessmentCode, 'success' | 'warning' | 'danger' | 'informative' | 'severe'> = {
  met: 'success',
  'partly-met': 'warning',
  'barely-met': 'severe',
  'not-met': 'danger',
  missing: 'informative',
};
const when = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

function GoalCard({ view, board, roundId, onSaved }: { view: GoalView; board: Board; roundId: string; onSaved: (text: string) => void }) {
  const s = useStyles();
  const v = useViewStyles();
  const [assessment, setAssessment] = useState(view.shown.assessment);
  const [comment, setComment] = useState(view.final?.comment ?? view.proposal.draftComment);
  const [error, setError] = useState<unknown>(null);
  const labels = board.labels.assessments;
  const ref = view.goal.ref;
  const save = async (confirmProposal: boolean) => {
    setError(null);
    try {
      const r = await api.post('/rounds/:roundId/assessments/:goalRef', {
        params: { roundId, goalRef: ref },
        body: confirmProposal ? { assessment: view.proposal.proposed, comment } : { assessment, comment },
      });
      onSaved(`${ref}: ${labels[confirmProposal ? view.proposal.proposed : assessment]} sparad${r.channelUpdated ? ' och kanalens kort uppdaterat' : ''}.`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <article className={s.goal} aria-labelledby={`goal-${ref}`}>
      <div className={s.head}>
        <h4 id={`goal-${ref}`} className={v.h3}>
          {ref} {view.goal.title}
        </h4>
        <Badge appearance="filled" color={COLORS[view.shown.assessment] ?? 'informative'}>
          {view.shown.label}
          {view.shown.isProposal ? ' (förslag)' : ''}
        </Badge>
      </div>
      <Text>
        <strong>Förslag: {labels[view.proposal.proposed]}.</strong> {view.proposal.explanation}
      </Text>
      {view.goal.activities.length > 0 && (
        <details>
          <summary>Aktiviteter ({view.goal.activities.length})</summary>
          <ul className={v.list}>
            {view.goal.activities.map((a) => (
              <li key={a.ref}>
                {a.ref} {a.title}: {a.status ? board.labels.statuses[a.status] ?? a.status : 'ingen status än'}
              </li>
            ))}
          </ul>
        </details>
      )}
      {view.final && (
        <Text size={200} className={s.history}>
          Beslutat {when(view.final.at)} av {view.final.by.name}
        </Text>
      )}
      <div className={v.row}>
        <Field label={`Bedömning för ${ref}`}>
          <Select value={assessment} onChange={(_e, d) => setAssessment(board.decidable.find((c) => c === d.value) ?? assessment)}>
            {board.decidable.map((c) => (
              <option key={c} value={c}>
                {labels[c]}
                {c === view.proposal.proposed ? ' (förslag)' : ''}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={`Kommentar för ${ref}`} hint="Förslaget till kommentar är ifyllt; ändra det fritt. En ändrad bedömning behöver en kommentar.">
        <Textarea value={comment} onChange={(_e, d) => setComment(d.value)} rows={4} resize="vertical" />
      </Field>
      <div className={v.row}>
        <Button appearance="primary" onClick={() => void save(false)}>
          Spara bedömning
        </Button>
        {!view.final && (
          <Button onClick={() => void save(true)} aria-label={`Bekräfta förslaget för ${ref}`}>
            Bekräfta förslaget
          </Button>
        )}
      </div>
      <Problem error={error} />
      {view.history.length > 0 && (
        <details className={s.history}>
          <summary>Historik ({view.history.length})</summary>
          <ol>
            {view.history.map((h, i) => (
              <li key={i}>
                {h.source === 'import' ? `Tidigare system (importerat ${when(h.at)})` : `${when(h.at)} ${h.by.name}`}: {labels[h.assessment]}
                {h.comment ? ` — ${h.comment}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}

/** chapter 5 as the ledningsgrupp writes it; saving adds a version, never overwrites one written meanwhile */
function SummaryEditor({ roundId, onSaved }: { roundId: string; onSaved: (text: string) => void }) {
  const s = useStyles();
  const v = useViewStyles();
  const [answer, setAnswer] = useState<SummaryAnswer | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setAnswer(null);
    api.get('/rounds/:roundId/summary', { params: { roundId } }).then((a) => {
      setAnswer(a);
      setText(a.summary?.current.text ?? '');
    }, setError);
  }, [roundId]);
  if (!answer) return <Problem error={error} />;
  const versions = answer.summary?.history ?? [];
  const save = async () => {
    setError(null);
    try {
      const a = await api.put('/rounds/:roundId/summary', { params: { roundId }, body: { text, expectedVersions: versions.length } });
      setAnswer(a);
      setText(a.summary?.current.text ?? '');
      onSaved(text.trim() ? 'Sammanfattningen är sparad och används i rapporten.' : 'Sammanfattningen är tömd; rapporten visar den genererade texten.');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className={v.section} aria-labelledby="summary-heading">
      <h3 id="summary-heading" className={v.h2}>
        5 Sammanfattning
      </h3>
      <Field
        label="Ledningsgruppens sammanfattning"
        hint={`Används som kapitel 5 i rapporten; en tom rad skiljer stycken. Lämnas den tom skrivs en genererad sammanfattning. Högst ${answer.maxLength} tecken (nu ${text.length}).`}
      >
        <Textarea value={text} onChange={(_e, d) => setText(d.value)} rows={8} resize="vertical" />
      </Field>
      <div className={v.row}>
        <Button appearance="primary" onClick={() => void save()}>
          Spara sammanfattning
        </Button>
      </div>
      <Problem error={error} />
      {answer.summary && (
        <Text size={200} className={s.history}>
          Senast sparad {when(answer.summary.current.at)} av {answer.summary.current.by.name}
        </Text>
      )}
      {versions.length > 1 && (
        <details className={s.history}>
          <summary>Tidigare versioner ({versions.length - 1})</summary>
          <ol>
            {versions.slice(0, -1).map((h, i) => (
              <li key={i}>
                {when(h.at)} {h.by.name}: {h.text.length > 120 ? `${h.text.slice(0, 120)}…` : h.text || '(tom)'}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

export default function AssessmentView() {
  const v = useViewStyles();
  const { rounds, error: loadError } = useRounds();
  const [roundId, setRoundId] = useState('');
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [n, setN] = useState(0);

  useEffect(() => {
    if (rounds && !roundId) setRoundId(defaultRound(rounds));
  }, [rounds, roundId]);
  useEffect(() => {
    if (!roundId) return;
    api.get('/rounds/:roundId/assessments', { params: { roundId } }).then(setBoard, setError);
  }, [roundId, n]);

  const publish = async () => {
    setError(null);
    try {
      const r = await api.post('/rounds/:roundId/publish', { params: { roundId } });
      setDone(`Publicerat i kanalen: ${r.posted.length} nya kort, ${r.updated.length} uppdaterade${r.failed.length ? `, ${r.failed.length} misslyckades` : ''}.`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className={v.page}>
      <div className={v.row}>
        {rounds && rounds.length > 0 && (
          <RoundPicker
            rounds={rounds}
            value={roundId}
            onChange={(id) => {
              setBoard(null);
              setRoundId(id);
            }}
          />
        )}
        <Button disabled={!board} onClick={() => void publish()}>
          Publicera i kanalen
        </Button>
        <Button disabled={!board} onClick={() => void api.download('/rounds/:roundId/report', { params: { roundId }, query: { format: 'docx' } }, `malavstamning-${roundId}.docx`).catch(setError)}>
          Ladda ned rapporten (Word)
        </Button>
      </div>
      <Problem error={loadError ?? error} />
      {done && <Done>{done}</Done>}
      {board && (
        <>
          <h2 className={v.h2}>{board.title}</h2>
          {board.unreported > 0 && <Text className={v.muted}>{board.unreported} aktiviteter saknar ännu status.</Text>}
          {board.chapters.map((c) => (
            <section key={c.ref} className={v.section} aria-labelledby={`ch-${c.ref}`}>
              <h3 id={`ch-${c.ref}`} className={v.h2}>
                {c.kind === 'kf' ? `${c.ref} ${c.title}` : c.title}
              </h3>
              {c.goals.map((g) => (
                <GoalCard
                  key={`${g.goal.ref}-${g.history.length}`}
                  view={g}
                  board={board}
                  roundId={roundId}
                  onSaved={(text) => {
                    setDone(text);
                    setN((x) => x + 1);
                  }}
                />
              ))}
            </section>
          ))}
          <SummaryEditor
            roundId={roundId}
            onSaved={(text) => {
              setError(null);
              setDone(text);
            }}
          />
        </>
      )}
    </div>
  );
}
