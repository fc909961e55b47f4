/**
 * Server-rendered SVG charts: readable without JavaScript, each with its numbers also as a table for screen
 * readers (the SVG itself is marked decorative-with-label so the table carries the data).
 */
import { useId } from "react";
import { dateTimeFormat, localeTag } from "~/i18n/format";

const BLUE = "#0b5394";
const GREY = "#c9ced6";
const RISK = "#b00020";
const OK = "#1e6b2d";

/** A bar of progress toward the target with a tick where pro-rata progress would be by now. */
export function ProgressBar({ ratio, elapsed, status, label }: { ratio: number | null; elapsed: number; status: string; label: string }) {
  const w = 240;
  const fill = ratio === null ? 0 : Math.max(0, Math.min(1, ratio)) * w;
  const color = status === "atRisk" || status === "missed" ? RISK : status === "met" || status === "onTrack" ? OK : BLUE;
  return (
    <svg className="progress-svg" viewBox={`0 0 ${w} 16`} width="100%" height="16" role="img" aria-label={label} preserveAspectRatio="none">
      <rect x="0" y="3" width={w} height="10" rx="3" fill={GREY} />
      <rect x="0" y="3" width={fill} height="10" rx="3" fill={color} />
      {ratio !== null ? <rect x={Math.max(0, Math.min(w - 2, elapsed * w - 1))} y="0" width="2" height="16" fill="#1a1a1a" /> : null}
    </svg>
  );
}

/** Monthly bars plus the same numbers as a (visually hidden) table. */
export function MonthBars({ months, values, title, tableCaption, monthLabels, format }: { months: string[]; values: number[]; title: string; tableCaption: string; monthLabels: string[]; format: (n: number) => string }) {
  const id = useId();
  const h = 60;
  const bw = 18;
  const gap = 6;
  const w = months.length * (bw + gap);
  const max = Math.max(1, ...values);
  return (
    <figure className="month-bars">
      <svg viewBox={`0 0 ${w} ${h + 2}`} width={Math.min(w, 320)} height={((h + 2) * Math.min(w, 320)) / w} role="img" aria-labelledby={`${id}-t`}>
        <title id={`${id}-t`}>{title}</title>
        {values.map((v, i) => {
          const bh = (v / max) * h;
          return (
            <rect key={months[i]} x={i * (bw + gap)} y={h - bh} width={bw} height={Math.max(bh, v > 0 ? 1 : 0)} fill={BLUE} />
          );
        })}
        <line x1="0" x2={w} y1={h} y2={h} stroke={GREY} />
      </svg>
      <figcaption className="hint" aria-hidden="true">
        {monthLabels[0]} – {monthLabels[monthLabels.length - 1]}
      </figcaption>
      {/* a table box ignores width: 1px, so the clipping box is a div (else the hidden table widens a phone's page) */}
      <div className="sr-only">
        <table>
          <caption>{tableCaption}</caption>
          <tbody>
            {months.map((m, i) => (
              <tr key={m}>
                <th scope="row">{monthLabels[i]}</th>
                <td>{format(values[i] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export function monthNames(months: string[], locale: "id" | "en"): string[] {
  const f = dateTimeFormat(localeTag(locale), { month: "short", year: "numeric", timeZone: "UTC" });
  return months.map((m) => f.format(new Date(`${m}-01T00:00:00Z`)));
}
