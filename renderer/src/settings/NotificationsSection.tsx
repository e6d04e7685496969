// Which changes notify (for everyone, per team and per agent), and when to stay quiet.
import type { PickerChoices } from '../../../main/monitor/picker-choices';
import type { NotificationSettings, Settings } from '../../../main/settings/schema';
import { CodeLimits } from './CodeLimits';
import { TextField, Toggle } from './fields';
import type { FieldErrors, SetSetting } from './form';
import { AgentRules, TeamRules } from './NotificationRules';
import { QueueRules } from './QueueSettings';
import { SettingNumber } from './SettingNumber';
import { usePickerChoices } from './use-picker-choices';

const NO_CODES: PickerChoices['unavailableCodes'] = [];

const RULES = [
  ['toAvailable', 'An agent becomes Available'],
  ['toUnavailable', 'An agent becomes Unavailable'],
  ['toLoggedOut', 'An agent logs out'],
  ['toOnContact', 'An agent starts a contact'],
  ['toAcw', 'An agent goes into after-contact work'],
] as const;

/** What each part of the section gets: the notification settings, their errors, and greyed out while notifications are off. */
interface PartProps {
  settings: NotificationSettings;
  errors: FieldErrors;
  disabled: boolean;
  set: SetSetting;
}

export function NotificationsSection({ draft, errors, set }: { draft: Settings; errors: FieldErrors; set: SetSetting }) {
  const n = draft.notifications;
  const off = !n.enabled;
  // The teams and codes only (one agent asked for): the agent rules ask main for their own search.
  const choices = usePickerChoices('', [], 1);
  return (
    <section aria-labelledby="notifications-title" className="settings-section">
      <h2 id="notifications-title" tabIndex={-1}>Notifications</h2>
      <Toggle label="Show notifications" checked={n.enabled} onChange={(v) => set(['notifications', 'enabled'], v)} />
      <NotifyWhen settings={n} errors={errors} disabled={off} set={set} />
      <CodeLimits settings={n} codes={choices?.unavailableCodes ?? NO_CODES} errors={errors} disabled={off} set={set} />
      <TeamRules settings={n} teams={choices?.teams ?? null} errors={errors} disabled={off} set={set} />
      <AgentRules settings={n} errors={errors} disabled={off} set={set} />
      <QueueRules settings={n} errors={errors} disabled={off} set={set} />
      <QuietHours settings={n} errors={errors} disabled={off} set={set} />
    </section>
  );
}

/** "Notify me when": the state changes that notify, the long-Unavailable limit, and the rate limits. */
function NotifyWhen({ settings: n, errors, disabled, set }: PartProps) {
  return (
    <fieldset className="group" disabled={disabled}>
      <legend>Notify me when</legend>
      {RULES.map(([key, label]) => (
        <Toggle key={key} label={label} checked={n[key]} onChange={(v) => set(['notifications', key], v)} />
      ))}
      <Toggle label="Only for pinned agents" checked={n.pinnedOnly} onChange={(v) => set(['notifications', 'pinnedOnly'], v)} />
      <SettingNumber
        label="Also notify when someone is Unavailable longer than"
        unit="minutes (0 = off)"
        min={0}
        value={n.unavailableLongerThanMinutes}
        path={['notifications', 'unavailableLongerThanMinutes']}
        errors={errors}
        set={set}
      />
      <RateLimits settings={n} errors={errors} set={set} />
    </fieldset>
  );
}

/** How often notifications may come: a quiet time per agent, and at most so many a minute. */
function RateLimits({ settings: n, errors, set }: Omit<PartProps, 'disabled'>) {
  return (
    <div className="field-row">
      <SettingNumber label="Quiet time per agent" unit="seconds" min={0} value={n.cooldownSeconds} path={['notifications', 'cooldownSeconds']} errors={errors} set={set} />
      <SettingNumber label="At most" unit="per minute" min={1} max={60} value={n.maxPerMinute} path={['notifications', 'maxPerMinute']} errors={errors} set={set} />
    </div>
  );
}

/** The two ends of quiet hours: the setting, its label, an example. */
const QUIET_TIMES = [
  ['start', 'From', '22:00'],
  ['end', 'Until', '07:00'],
] as const;

/** Quiet hours: on or off, and from when until when. */
function QuietHours({ settings: n, errors, disabled, set }: PartProps) {
  // The times mean nothing while quiet hours are off: greyed out and skipped by Tab.
  const quietOff = disabled || !n.quietHours.enabled;
  return (
    <fieldset className="group" disabled={disabled}>
      <legend>Quiet hours</legend>
      <Toggle label="No notifications during quiet hours" checked={n.quietHours.enabled} onChange={(v) => set(['notifications', 'quietHours', 'enabled'], v)} />
      <div className="field-row">
        {QUIET_TIMES.map(([end, label, placeholder]) => (
          <TextField
            key={end}
            label={label}
            placeholder={placeholder}
            disabled={quietOff}
            value={n.quietHours[end]}
            error={errors.get(`notifications.quietHours.${end}`)}
            onChange={(v) => set(['notifications', 'quietHours', end], v)}
          />
        ))}
      </div>
    </fieldset>
  );
}
