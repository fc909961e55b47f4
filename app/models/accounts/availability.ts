/**
 * Weekly availability: 7 weekdays (Senin … Minggu) × 3 parts of day (pagi, siang, malam) in one integer,
 * bit (weekday * 3 + part), weekday 0 = Senin — the layout documented on volunteer_profile.availability.
 * Shared by the profile form, the roster filter and tutoring matching; no server code here.
 */
export const WEEKDAYS = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"] as const;
export const DAY_PARTS = ["pagi", "siang", "malam"] as const;
export type WeekdayKey = (typeof WEEKDAYS)[number];
export type DayPartKey = (typeof DAY_PARTS)[number];
/** 0 = Senin … 6 = Minggu */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** 0 = pagi, 1 = siang, 2 = malam */
export type DayPart = 0 | 1 | 2;
export type Slot = { weekday: Weekday; part: DayPart };

export const SLOT_COUNT = WEEKDAYS.length * DAY_PARTS.length;
/** every slot set */
export const FULL_MASK = 2 ** SLOT_COUNT - 1;

export function slotBit(weekday: Weekday, part: DayPart): number {
  return 1 << (weekday * 3 + part);
}

/** "senin-pagi": the form field value of a slot */
export function slotKey(weekday: Weekday, part: DayPart): string {
  return `${WEEKDAYS[weekday]}-${DAY_PARTS[part]}`;
}

export function parseSlotKey(key: string): Slot | null {
  const [day, part] = key.split("-");
  const w = WEEKDAYS.indexOf(day as WeekdayKey);
  const p = DAY_PARTS.indexOf(part as DayPartKey);
  if (w < 0 || p < 0 || key !== `${day}-${part}`) return null;
  return { weekday: w as Weekday, part: p as DayPart };
}

export function allSlots(): Slot[] {
  const out: Slot[] = [];
  for (let w = 0; w < WEEKDAYS.length; w++) for (let p = 0; p < DAY_PARTS.length; p++) out.push({ weekday: w as Weekday, part: p as DayPart });
  return out;
}

export function isAvailabilityMask(mask: unknown): mask is number {
  return typeof mask === "number" && Number.isInteger(mask) && mask >= 0 && mask <= FULL_MASK;
}

export function maskFromSlots(slots: Iterable<Slot>): number {
  let mask = 0;
  for (const s of slots) mask |= slotBit(s.weekday, s.part);
  return mask;
}

/** Form values ("senin-pagi", …) to a mask; unknown keys are reported, not silently kept. */
export function maskFromKeys(keys: Iterable<string>): { mask: number; unknown: string[] } {
  let mask = 0;
  const unknown: string[] = [];
  for (const k of keys) {
    const s = parseSlotKey(k);
    if (s) mask |= slotBit(s.weekday, s.part);
    else unknown.push(k);
  }
  return { mask, unknown };
}

export function hasSlot(mask: number, weekday: Weekday, part: DayPart): boolean {
  return (mask & slotBit(weekday, part)) !== 0;
}

export function slotsOfMask(mask: number): Slot[] {
  return allSlots().filter((s) => hasSlot(mask, s.weekday, s.part));
}

export function keysOfMask(mask: number): string[] {
  return slotsOfMask(mask).map((s) => slotKey(s.weekday, s.part));
}

/** All three parts of one weekday, e.g. "free on Saturday". */
export function weekdayMask(weekday: Weekday): number {
  return 0b111 << (weekday * 3);
}

/** One part of day on every weekday, e.g. "free in the evenings". */
export function dayPartMask(part: DayPart): number {
  let mask = 0;
  for (let w = 0; w < WEEKDAYS.length; w++) mask |= 1 << (w * 3 + part);
  return mask;
}

/** At least one slot in common (SQL: `availability & mask <> 0`). */
export function overlaps(a: number, b: number): boolean {
  return (a & b) !== 0;
}

/** Every slot of `wanted` is in `mask` (SQL: `availability & mask = mask`). */
export function coversAll(mask: number, wanted: number): boolean {
  return (mask & wanted) === wanted;
}

/** Part of day of a local hour: pagi before 11:00, siang 11:00–16:59 (incl. sore), malam from 17:00. */
export function dayPartOfHour(hour: number): DayPart {
  if (hour < 11) return 0;
  if (hour < 17) return 1;
  return 2;
}
