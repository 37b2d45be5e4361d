/** A list's filter: a labelled select whose first choice, 전체, filters nothing (the value ''). */
import { SelectField } from './SelectField.tsx';

export function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string | null;
  options: readonly (readonly [value: string, label: string])[];
  onChange: (value: string) => void;
}) {
  return (
    <SelectField id={id} label={label} value={value ?? ''} onChange={onChange}>
      <option value="">전체</option>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </SelectField>
  );
}
