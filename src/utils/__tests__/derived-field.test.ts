import { resolveDerivedField } from '../derived-field';

describe('resolveDerivedField', () => {
  it('computes the value on create when none is given', () => {
    expect(
      resolveDerivedField({
        incoming: undefined,
        previous: undefined,
        previousDerived: undefined,
        derived: 'auto',
      })
    ).toBe('auto');
    expect(
      resolveDerivedField({
        incoming: '',
        previous: undefined,
        previousDerived: undefined,
        derived: 'auto',
      })
    ).toBe('auto');
  });

  it('keeps what an editor wrote', () => {
    expect(
      resolveDerivedField({
        incoming: 'mine',
        previous: undefined,
        previousDerived: undefined,
        derived: 'auto',
      })
    ).toBe('mine');
    expect(
      resolveDerivedField({
        incoming: undefined,
        previous: 'mine',
        previousDerived: 'old auto',
        derived: 'new auto',
      })
    ).toBeUndefined();
  });

  it('follows the source fields while the value is the computed one', () => {
    expect(
      resolveDerivedField({
        incoming: undefined,
        previous: 'old auto',
        previousDerived: 'old auto',
        derived: 'new auto',
      })
    ).toBe('new auto');
    // the admin form echoes the old computed value back
    expect(
      resolveDerivedField({
        incoming: 'old auto',
        previous: 'old auto',
        previousDerived: 'old auto',
        derived: 'new auto',
      })
    ).toBe('new auto');
  });

  it('goes back to the computed value when an editor clears the field', () => {
    expect(
      resolveDerivedField({
        incoming: null,
        previous: 'mine',
        previousDerived: 'auto',
        derived: 'auto',
      })
    ).toBe('auto');
  });

  it('leaves an unchanged computed value alone', () => {
    expect(
      resolveDerivedField({
        incoming: undefined,
        previous: 'auto',
        previousDerived: 'auto',
        derived: 'auto',
      })
    ).toBeUndefined();
  });
});
