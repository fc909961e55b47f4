/**
 * The availability slot an instant falls in. Apart from availability.ts, which pages share with the browser: the
 * date formatters it needs would otherwise travel with every page that shows an availability grid.
 */
import { dateTimeFormat } from "~/i18n/format";
import { dayPartOfHour, type Slot, type Weekday } from "./availability";

const WEEKDAY_OF_SHORT: Record<string, Weekday> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The slot an instant falls in, read in a time zone (an event's start in its venue's zone). */
export function slotAt(instant: Date, timeZone: string): Slot {
  const parts = dateTimeFormat("en-US", { timeZone, weekday: "short", hour: "numeric", hourCycle: "h23" }).formatToParts(instant);
  const day = parts.find((p) => p.type === "weekday")?.value ?? "Mon";
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? "0");
  return { weekday: WEEKDAY_OF_SHORT[day] ?? 0, part: dayPartOfHour(hour) };
}
