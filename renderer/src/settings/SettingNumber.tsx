// A number field bound to one setting: its error found by the setting's path, what is typed stored as a
// number (NaN while blank, which validation then names), so each section says only what differs.
import { NumberField, type NumberFieldProps } from './fields';
import { numberFromInput, pathKey, type FieldErrors, type Path, type SetSetting } from './form';

export function SettingNumber({ path, errors, set, ...field }: Omit<NumberFieldProps, 'onChange' | 'error'> & { path: Path; errors: FieldErrors; set: SetSetting }) {
  return <NumberField {...field} error={errors.get(pathKey(path))} onChange={(v) => set(path, numberFromInput(v))} />;
}
