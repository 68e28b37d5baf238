/** A round's months as grids: weekends and Swedish holidays marked, waves, deadline and last day. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { CalendarDay, RoundCalendar } from '../types';

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const WEEKDAYS = ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'];

const useStyles = makeStyles({
  months: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXL },
  grid: { borderCollapse: 'collapse', '& th': { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2, padding: '2px' } },
  caption: { fontWeight: tokens.fontWeightSemibold, textAlign: 'left', paddingBottom: tokens.spacingVerticalXS, textTransform: 'capitalize' },
  day: { width: '44px', height: '40px', textAlign: 'center', verticalAlign: 'top', border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '2px', fontSize: tokens.fontSizeBase200 },
  off: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground2 },
  holiday: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorNeutralForeground1 },
  wave: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px', fontWeight: tokens.fontWeightSemibold },
  deadline: { backgroundColor: tokens.colorPaletteYellowBackground2, fontWeight: tokens.fontWeightBold },
  mark: { display: 'block', fontSize: tokens.fontSizeBase100, lineHeight: '1.1' },
  legend: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', alignItems: 'center', marginTop: tokens.spacingVerticalM, '& span': { display: 'inline-flex', alignItems: 'center', gap: '4px' } },
  swatch: { display: 'inline-block', width: '14px', height: '14px', border: `1px solid ${tokens.colorNeutralStroke1}` },
});

function describe(d: CalendarDay): string {
  const parts = [d.date];
  if (d.holiday) parts.push(d.holiday);
  else if (d.weekend) parts.push('helg');
  if (d.waves.length) parts.push(`påminnelse (${d.waves.map((w) => (w >= 0 ? `${w} dagar före` : `${-w} dagar efter`)).join(', ')})`);
  // a wave before the deadline moves to the working day before, one after it to the working day after
  if (d.movedWaves.some((w) => w >= 0)) parts.push('påminnelsen flyttad till närmast föregående arbetsdag');
  if (d.movedWaves.some((w) => w < 0)) parts.push('påminnelsen flyttad till närmast följande arbetsdag');
  if (d.deadline) parts.push('sista dag att rapportera');
  if (d.lastDay) parts.push('omgången stänger efter denna dag');
  return parts.join(', ');
}

function weeks(days: CalendarDay[]): (CalendarDay | null)[][] {
  const cells: (CalendarDay | null)[] = [...Array<null>(days[0]!.isoWeekday - 1).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  const out: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) out.push(cells.slice(i, i + 7));
  return out;
}

export function Calendar({ calendar }: { calendar: RoundCalendar }) {
  const s = useStyles();
  return (
    <div>
      <div className={s.months}>
        {calendar.months.map((m) => (
          <table key={m.month} className={s.grid}>
            <caption className={s.caption}>
              {MONTHS[Number(m.month.slice(5)) - 1]} {m.month.slice(0, 4)}
            </caption>
            <thead>
              <tr>
                {WEEKDAYS.map((w) => (
                  <th key={w} scope="col">
                    {w}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks(m.days).map((week, i) => (
                <tr key={i}>
                  {week.map((d, j) =>
                    d ? (
                      <td
                        key={j}
                        data-date={d.date}
                        title={describe(d)}
                        aria-label={describe(d)}
                        className={mergeClasses(s.day, (d.weekend || d.holiday !== null) && s.off, d.holiday !== null && s.holiday, d.deadline && s.deadline, d.waves.length > 0 && s.wave)}
                      >
                        {Number(d.date.slice(8))}
                        {d.waves.length > 0 && <span className={s.mark}>påm.</span>}
                        {d.deadline && <span className={s.mark}>sista</span>}
                        {d.lastDay && <span className={s.mark}>stänger</span>}
                        {d.holiday && <span className={s.mark}>helgdag</span>}
                      </td>
                    ) : (
                      <td key={j} />
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <div className={s.legend} aria-label="Teckenförklaring">
        <span>
          <i className={mergeClasses(s.swatch, s.wave)} /> Påminnelse
        </span>
        <span>
          <i className={mergeClasses(s.swatch, s.deadline)} /> Sista dag
        </span>
        <span>
          <i className={mergeClasses(s.swatch, s.off)} /> Helg
        </span>
        <span>
          <i className={mergeClasses(s.swatch, s.holiday)} /> Helgdag
        </span>
      </div>
      <ul aria-label="Påminnelser">
        {calendar.waves.map((w) => (
          <li key={w.offset}>
            {w.date} kl. {new Date(w.at).toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' })}:{' '}
            {w.offset > 0 ? `${w.offset} dagar före sista dag` : w.offset === 0 ? 'sista dag' : `${-w.offset} dagar efter sista dag`}
            {w.date !== w.plannedDate ? ` (flyttad från ${w.plannedDate}, som är helg eller helgdag)` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
