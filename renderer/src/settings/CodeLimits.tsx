// "On <code> longer than N minutes": one row per unavailable code of the tenant. A row starts at the
// code's own time limit from CXone (or the general "Unavailable longer than" value when it has none);
// changing it makes a rule for that code, and "Use CXone's" (or "Use the general limit", where CXone's
// limit does not apply) removes the rule again.
import { codeThresholdMinutes } from '../../../main/monitor/alerts';
import type { RosterSnapshot } from '../../../main/monitor/status';
import type { NotificationSettings } from '../../../main/settings/schema';
import { NumberField, Toggle } from './fields';
import { numberFromInput, type FieldErrors, type SetSetting } from './form';

type Code = NonNullable<RosterSnapshot['unavailableCodes']>[number];

export function CodeLimits({ settings, codes, errors, disabled, set }: {
  settings: NotificationSettings;
  codes: readonly Code[];
  errors: FieldErrors;
  disabled: boolean;
  set: SetSetting;
}) {
  const rules = settings.codeRules;
  const limits = new Map(codes.map((c) => [c.id, c.timeLimitMinutes] as const));
  const setMinutes = (id: number, minutes: number | null) => {
    const rest = rules.filter((r) => r.outStateId !== id);
    set(['notifications', 'codeRules'], minutes === null ? rest : [...rest, { outStateId: id, minutes }]);
  };
  if (codes.length === 0) return null;
  return (
    <fieldset className="group" disabled={disabled}>
      <legend>Time limits per unavailable code</legend>
      <p className="hint">Notify once when someone stays on a code longer than its limit (0 = off for that code).</p>
      <Toggle
        label="Use each code's own time limit from CXone"
        checked={settings.codeLimitsFromCxone}
        onChange={(v) => set(['notifications', 'codeLimitsFromCxone'], v)}
      />
      {codes.map((c) => {
        const i = rules.findIndex((r) => r.outStateId === c.id);
        const own = i >= 0;
        const minutes = codeThresholdMinutes(settings, limits, c.id) ?? settings.unavailableLongerThanMinutes;
        // What removing the rule goes back to, said on the button that does it.
        const back = c.timeLimitMinutes !== null && settings.codeLimitsFromCxone ? `Use CXone's (${c.timeLimitMinutes})` : 'Use the general limit';
        const origin = own
          ? 'your limit'
          : c.timeLimitMinutes !== null && settings.codeLimitsFromCxone
            ? "CXone's limit for this code"
            : c.timeLimitMinutes !== null
              ? "the general limit above (CXone's own is off)"
              : 'the general limit above (CXone sets none for this code)';
        return (
          <div className="field-row" key={c.id}>
            <NumberField
              label={`On ${c.name || `code ${c.id}`} longer than`}
              unit={`minutes — ${origin}`}
              min={0}
              max={24 * 60}
              value={own ? rules[i]!.minutes : minutes}
              error={own ? errors.get(`notifications.codeRules.${i}.minutes`) : undefined}
              onChange={(v) => setMinutes(c.id, numberFromInput(v))}
            />
            {own && (
              <button type="button" className="link-button" onClick={() => setMinutes(c.id, null)}>
                {back}
              </button>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
