/**
 * Server-rendered SVG charts: readable without JavaScript; each is an image with a label (the progress bar) or a
 * title and a description carrying its numbers (the monthly bars), for screen readers.
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
  const fill = ratio === null ? 0 : Math.round(Math.max(0, Math.min(1, ratio)) * w * 10) / 10;
  const tick = Math.round(Math.max(0, Math.min(w - 2, elapsed * w - 1)) * 10) / 10;
  const color = status === "atRisk" || status === "missed" ? RISK : status === "met" || status === "onTrack" ? OK : BLUE;
  return (
    <svg className="progress-svg" viewBox={`0 0 ${w} 16`} width="100%" height="16" role="img" aria-label={label} preserveAspectRatio="none">
      <rect x="0" y="3" width={w} height="10" rx="3" fill={GREY} />
      <rect x="0" y="3" width={fill} height="10" rx="3" fill={color} />
      {ratio !== null ? <rect x={tick} y="0" width="2" height="16" fill="#1a1a1a" /> : null}
    </svg>
  );
}

/**
 * Monthly bars: one small SVG whose bars are one path (a roll-up page draws twelve of these, so the chart is a
 * handful of nodes, not a rect and a table row per month). Its name is the title; its description lists every
 * month with its figure ("Jan 2026: 120; Feb 2026: 135; …"), what a screen reader announces with the chart.
 */
export function MonthBars({ months, values, title, tableCaption, monthLabels, format }: { months: string[]; values: number[]; title: string; tableCaption: string; monthLabels: string[]; format: (n: number) => string }) {
  const id = useId();
  const h = 60;
  const bw = 18;
  const gap = 6;
  const w = months.length * (bw + gap);
  const max = Math.max(1, ...values);
  let bars = "";
  let series = "";
  for (let i = 0; i < months.length; i++) {
    const v = values[i] ?? 0;
    // a bar at least 1 unit tall for any figure above zero, so a small month still shows
    const bh = v > 0 ? Math.max(1, Math.round((v / max) * h * 10) / 10) : 0;
    if (bh > 0) bars += `M${i * (bw + gap)} ${h}v-${bh}h${bw}v${bh}z`;
    series += `${i ? "; " : ""}${monthLabels[i]}: ${format(v)}`;
  }
  const shown = Math.min(w, 320);
  return (
    <figure className="month-bars">
      <svg viewBox={`0 0 ${w} ${h + 2}`} width={shown} height={((h + 2) * shown) / w} role="img" aria-labelledby={`${id}t`} aria-describedby={`${id}d`}>
        <title id={`${id}t`}>{title}</title>
        <desc id={`${id}d`}>{`${tableCaption} — ${series}`}</desc>
        {bars ? <path d={bars} fill={BLUE} /> : null}
        <path d={`M0 ${h}H${w}`} stroke={GREY} />
      </svg>
      <figcaption className="hint" aria-hidden="true">{`${monthLabels[0]} – ${monthLabels[monthLabels.length - 1]}`}</figcaption>
    </figure>
  );
}

export function monthNames(months: string[], locale: "id" | "en"): string[] {
  const f = dateTimeFormat(localeTag(locale), { month: "short", year: "numeric", timeZone: "UTC" });
  return months.map((m) => f.format(new Date(`${m}-01T00:00:00Z`)));
}
