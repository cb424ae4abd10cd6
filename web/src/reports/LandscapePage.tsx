import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';

const BASE = '/api/v1/reports/landscape';
const SECTIONS = [
  ['volume', 'Volume over time'],
  ['rankings', 'Rankings'],
  ['geography', 'Sectors and geography'],
  ['disruption', 'Disruption'],
  ['quality', 'Data quality and provenance'],
] as const;
const PARTS = [
  ['key_findings', 'Key findings'],
  ['trends', 'Trends'],
  ['recommendations', 'Recommendations'],
] as const;

type SectionId = (typeof SECTIONS)[number][0];
type PartId = (typeof PARTS)[number][0];
type Narrative = Record<SectionId, Record<PartId, string>>;

interface Summary {
  id: string;
  title: string;
  created: string;
  variant: 'full' | 'clear';
  tlp: string;
  period: { from: string; to: string };
}
interface Report extends Omit<Summary, 'period'> {
  narrative: Narrative;
  links: { html: string; pdf: string | null };
}

const lastYear = () => {
  const y = new Date().getUTCFullYear() - 1;
  return { from: `${y}-01-01`, to: `${y + 1}-01-01` };
};

/** The report builder: generate an assessment, read it as it will be printed, edit its narrative. */
export function LandscapePage() {
  const [form, setForm] = useState({
    title: 'Threat landscape assessment',
    ...lastYear(),
    granularity: 'month',
    variant: 'full',
    threshold: 5,
  });
  const [selected, setSelected] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['landscape-reports'],
    queryFn: () => api<{ reports: Summary[] }>(BASE),
  });
  const create = useWrite<Report>([['landscape-reports']]);
  const generate = () => {
    create.mutate(
      {
        path: BASE,
        method: 'POST',
        body: { ...form, ...(form.variant === 'clear' ? {} : { threshold: undefined }) },
      },
      {
        onSuccess: (r) => {
          setSelected(r.id);
        },
      },
    );
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm({ ...form, [key]: key === 'threshold' ? Number(e.target.value) : e.target.value });
  };

  return (
    <div className="page">
      <h1>Threat-landscape reports</h1>
      <p className="muted">
        Every figure is computed from what you may see. The CLEAR variant holds aggregates only: counts below
        the threshold are suppressed and nothing is named that is not itself public.
      </p>
      <form
        className="report-form"
        onSubmit={(e) => {
          e.preventDefault();
          generate();
        }}
      >
        <label>
          Title <input value={form.title} onChange={set('title')} required maxLength={200} />
        </label>
        <label>
          From <input type="date" value={form.from} onChange={set('from')} required />
        </label>
        <label>
          To (exclusive) <input type="date" value={form.to} onChange={set('to')} required />
        </label>
        <label>
          By{' '}
          <select value={form.granularity} onChange={set('granularity')}>
            <option value="month">month</option>
            <option value="quarter">quarter</option>
          </select>
        </label>
        <label>
          Variant{' '}
          <select value={form.variant} onChange={set('variant')}>
            <option value="full">full (your audience)</option>
            <option value="clear">TLP:CLEAR (aggregates only)</option>
          </select>
        </label>
        {form.variant === 'clear' && (
          <label>
            Suppress below{' '}
            <input type="number" min={2} max={1000} value={form.threshold} onChange={set('threshold')} />
          </label>
        )}
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Generating…' : 'Generate'}
        </button>
      </form>
      {create.error !== null && <ErrorNote error={create.error} />}
      {list.error !== null && <ErrorNote error={list.error} />}
      <h2>Saved reports</h2>
      {list.data !== undefined && list.data.reports.length === 0 && <p className="muted">None yet.</p>}
      <ul className="report-list">
        {list.data?.reports.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className="link"
              aria-pressed={selected === r.id}
              onClick={() => {
                setSelected(r.id);
              }}
            >
              {r.title}
            </button>{' '}
            <span className="muted">
              {r.period.from} – {r.period.to} · TLP:{r.tlp.toUpperCase()} · {r.variant} ·{' '}
              {r.created.slice(0, 16)}
            </span>
          </li>
        ))}
      </ul>
      {selected !== null && <ReportView key={selected} id={selected} />}
    </div>
  );
}

function ReportView({ id }: { id: string }) {
  const report = useQuery({
    queryKey: ['landscape-report', id],
    queryFn: () => api<Report>(`${BASE}/${id}`),
  });
  const [draft, setDraft] = useState<Narrative | null>(null);
  const [version, setVersion] = useState(0);
  const save = useWrite<Report>([['landscape-report', id]]);
  if (report.error !== null) return <ErrorNote error={report.error} />;
  if (report.data === undefined) return <p>Loading…</p>;
  const r = report.data;
  const narrative = draft ?? r.narrative;
  const edit = (section: SectionId, part: PartId, text: string) => {
    setDraft({ ...narrative, [section]: { ...narrative[section], [part]: text } });
  };
  return (
    <section aria-label={`Report ${r.title}`} className="report-view">
      <h2>{r.title}</h2>
      <p>
        <a href={`${r.links.html}?download=1`}>Download HTML</a> ·{' '}
        <a href={`${BASE}/${id}`}>JSON of every figure</a>
        {r.links.pdf !== null && (
          <>
            {' '}
            · <a href={r.links.pdf}>Download PDF</a>
          </>
        )}
      </p>
      {/* Sandboxed, and served with a CSP that lets nothing run: the report is a document, not an app. */}
      <iframe
        title="Report preview"
        className="report-preview"
        sandbox=""
        src={`${r.links.html}?v=${version}`}
        style={{ width: '100%', height: '70vh', border: '1px solid #ccc' }}
      />
      <h3>Narrative</h3>
      <p className="muted">Markdown; saved with the report and printed in each section.</p>
      {SECTIONS.map(([section, title]) => (
        <fieldset key={section}>
          <legend>{title}</legend>
          {PARTS.map(([part, label]) => (
            <label key={part} className="block">
              {label}
              <textarea
                rows={3}
                style={{ width: '100%' }}
                value={narrative[section][part]}
                onChange={(e) => {
                  edit(section, part, e.target.value);
                }}
              />
            </label>
          ))}
        </fieldset>
      ))}
      <button
        type="button"
        disabled={draft === null || save.isPending}
        onClick={() => {
          save.mutate(
            { path: `${BASE}/${id}/narrative`, method: 'PUT', body: narrative },
            {
              onSuccess: () => {
                setDraft(null);
                setVersion((v) => v + 1);
              },
            },
          );
        }}
      >
        {save.isPending ? 'Saving…' : 'Save narrative'}
      </button>
      {save.isSuccess && draft === null && <span role="status"> Saved.</span>}
      {save.error !== null && <ErrorNote error={save.error} />}
    </section>
  );
}
