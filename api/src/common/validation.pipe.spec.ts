import 'reflect-metadata';
import { UpdateSettingsDto } from '../members/dto/update-settings.dto.js';
import { DecideDto } from '../reports/dto/decide.dto.js';
import { AppError } from './app-error.js';
import { createValidationPipe } from './validation.pipe.js';

const refusal = async (metatype: new () => object, body: unknown) => {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype });
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('the body was accepted');
};

describe('the validation pipe', () => {
  it('names the most basic failure of a field: a missing reason is missing, not too long', async () => {
    expect(await refusal(DecideDto, { decision: 'warn' })).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'reason',
      message: 'reason is required',
    });
    expect(await refusal(DecideDto, { decision: 'warn', reason: '' })).toMatchObject({
      field: 'reason',
      message: 'reason must say why (at least 3 characters)',
    });
    expect(await refusal(DecideDto, { decision: 'warn', reason: '   ' })).toMatchObject({
      message: 'reason must say why, not be blank',
    });
    expect(await refusal(DecideDto, { decision: 'warn', reason: 'x'.repeat(2001) })).toMatchObject({
      message: 'reason must be shorter than or equal to 2000 characters',
    });
  });

  it('says a minute range that is not a list is not one', async () => {
    expect(await refusal(UpdateSettingsDto, { quietHours: 'night' })).toMatchObject({
      field: 'quietHours',
      message: 'quietHours must be an array',
    });
    expect(await refusal(UpdateSettingsDto, { quietHours: [0, 1441] })).toMatchObject({
      message: 'each value in quietHours must not be greater than 1440',
    });
  });

  it('refuses null for an optional field, naming it, unless the field means something by null', async () => {
    expect(await refusal(UpdateSettingsDto, { declaredHoursPerWeek: null })).toMatchObject({
      field: 'declaredHoursPerWeek',
    });
    expect(
      await refusal(DecideDto, { decision: 'warn', reason: 'because', restrictions: null }),
    ).toMatchObject({
      field: 'restrictions',
    });
    await expect(
      createValidationPipe().transform(
        { maxTrustDistance: null, quietHours: null },
        { type: 'body', metatype: UpdateSettingsDto },
      ),
    ).resolves.toBeInstanceOf(UpdateSettingsDto);
  });

  it('refuses unknown properties and accepts a valid body', async () => {
    expect(await refusal(DecideDto, { decision: 'warn', reason: 'because', extra: 1 })).toMatchObject({
      field: 'extra',
    });
    await expect(
      createValidationPipe().transform(
        { decision: 'warn', reason: 'because' },
        { type: 'body', metatype: DecideDto },
      ),
    ).resolves.toBeInstanceOf(DecideDto);
  });
});
