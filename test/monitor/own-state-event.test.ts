// One's own AgentState event (CXONE-API.md §3a) read on its own fields (readAgentStateEvent), and the
// roster's state built from it on what the last poll said (applyOwnStateEvent). Every value of the
// event is a string as CXone sends it; what the event does not say (names, team, the contact) comes
// from the polled state.
import { describe, expect, it } from 'vitest';
import { applyOwnStateEvent, readAgentStateEvent, type OwnStateEvent } from '../../main/monitor/own-state-event';
import { agent } from './fakes';

const CODES: Record<string, number> = { Lunch: 12, Break: 14 };
const codeIdByName = (name: string): number | null => CODES[name] ?? null;
const noCodes = (): number | null => null;

const event = (over: Partial<OwnStateEvent> = {}): OwnStateEvent => ({ stateName: 'Available', outReason: null, isAcw: false, startTime: '2025-01-15T13:00:05.000Z', ...over });

describe('readAgentStateEvent', () => {
  it('reads the event as CXone sends it: strings, trimmed, a zoneless UTC time, the description of the code', () => {
    const raw = { Type: 'AgentState', CurrentState: ' Unavailable ', CurrentOutReason: ' Lunch ', StartTimeUTC: '2025-01-15T14:03:27.123', IsAcw: 'False', AcwTimeout: '0' };
    expect(readAgentStateEvent(raw)).toEqual({ stateName: 'Unavailable', outReason: 'Lunch', isAcw: false, startTime: '2025-01-15T14:03:27.123Z' });
  });

  it('reads the ACW flag in either spelling, IsAcw first; none is not ACW', () => {
    expect(readAgentStateEvent({ CurrentState: 'Unavailable', IsAcw: 'True' })?.isAcw).toBe(true);
    expect(readAgentStateEvent({ CurrentState: 'Unavailable', IsACW: 'True' })?.isAcw).toBe(true);
    expect(readAgentStateEvent({ CurrentState: 'Unavailable', IsAcw: 'False', IsACW: 'True' })?.isAcw).toBe(false);
    // An IsAcw that cannot be read gives way to IsACW.
    expect(readAgentStateEvent({ CurrentState: 'Unavailable', IsAcw: 'perhaps', IsACW: 'True' })?.isAcw).toBe(true);
    expect(readAgentStateEvent({ CurrentState: 'Unavailable' })?.isAcw).toBe(false);
  });

  it('an empty or missing reason is no code, and a time it cannot read is none', () => {
    for (const CurrentOutReason of [undefined, '', '   ', null]) {
      expect(readAgentStateEvent({ CurrentState: 'Available', CurrentOutReason })?.outReason).toBeNull();
    }
    expect(readAgentStateEvent({ CurrentState: 'Available' })?.startTime).toBeNull();
    expect(readAgentStateEvent({ CurrentState: 'Available', StartTimeUTC: 'soon' })?.startTime).toBeNull();
  });

  it('an event that names no state is not read (a poll has to tell)', () => {
    for (const CurrentState of [undefined, '', '  ', null, { odd: 1 }]) {
      expect(readAgentStateEvent({ Type: 'AgentState', CurrentState, CurrentOutReason: 'Lunch' })).toBeNull();
    }
  });
});

describe('applyOwnStateEvent', () => {
  const onContact = agent(7, { stateId: 3, stateName: 'InboundContact', contactId: 5551, skillName: 'Billing', mediaTypeName: 'Call' });

  it('a move off a contact: the event\'s state, code by its description, start time; the contact dropped, names and team kept', () => {
    const next = applyOwnStateEvent(onContact, event({ stateName: 'Unavailable', outReason: 'Lunch' }), codeIdByName);
    expect(next).toEqual({
      ...onContact,
      stateId: 2,
      stateName: 'Unavailable',
      category: 'unavailable',
      outStateId: 12,
      outStateDescription: 'Lunch',
      isACW: false,
      contactId: null,
      skillName: null,
      mediaTypeName: null,
      startDate: '2025-01-15T13:00:05.000Z',
      lastUpdateTime: '2025-01-15T13:00:05.000Z',
    });
  });

  it('still on a contact: what the poll said of the contact is kept', () => {
    const next = applyOwnStateEvent(onContact, event({ stateName: 'InboundConsult' }), codeIdByName);
    expect(next).toMatchObject({ stateId: 5, category: 'on-contact', contactId: 5551, skillName: 'Billing', mediaTypeName: 'Call' });
  });

  it('ACW is its own category, with the flag set, whatever the state', () => {
    const next = applyOwnStateEvent(onContact, event({ stateName: 'Unavailable', isAcw: true }), codeIdByName);
    expect(next).toMatchObject({ stateId: 2, category: 'acw', isACW: true, contactId: null, outStateId: null, outStateDescription: null });
  });

  it('a state name in another case gets its id; one not in the list is "other" with no id', () => {
    expect(applyOwnStateEvent(onContact, event({ stateName: 'available' }), noCodes)).toMatchObject({ stateId: 1, stateName: 'available', category: 'available' });
    expect(applyOwnStateEvent(onContact, event({ stateName: 'Training' }), noCodes)).toMatchObject({ stateId: -1, stateName: 'Training', category: 'other' });
  });

  it('a description the code list does not know keeps the polled id only when it is the polled description', () => {
    const onCustom = agent(7, { stateId: 2, stateName: 'Unavailable', outStateId: 31, outStateDescription: 'Coaching' });
    expect(applyOwnStateEvent(onCustom, event({ stateName: 'Unavailable', outReason: 'Coaching' }), noCodes)).toMatchObject({ outStateId: 31, outStateDescription: 'Coaching' });
    expect(applyOwnStateEvent(onCustom, event({ stateName: 'Unavailable', outReason: 'Meeting' }), noCodes)).toMatchObject({ outStateId: null, outStateDescription: 'Meeting' });
    // The code list's id wins over the polled one.
    expect(applyOwnStateEvent(onCustom, event({ stateName: 'Unavailable', outReason: 'Break' }), codeIdByName)).toMatchObject({ outStateId: 14, outStateDescription: 'Break' });
  });

  it('no reason is no code: the list is not asked and the polled code is dropped', () => {
    const onBreak = agent(7, { stateId: 2, stateName: 'Unavailable', outStateId: 14, outStateDescription: 'Break' });
    const asked: string[] = [];
    const next = applyOwnStateEvent(onBreak, event({ stateName: 'Available', outReason: null }), (name) => (asked.push(name), 99));
    expect(next).toMatchObject({ stateId: 1, category: 'available', outStateId: null, outStateDescription: null });
    expect(asked).toEqual([]);
  });

  it('an event without a readable time keeps the polled start, as the last update too', () => {
    const polled = agent(7, { startDate: '2025-01-15T12:00:00.000Z', lastUpdateTime: '2025-01-15T12:30:00.000Z' });
    const next = applyOwnStateEvent(polled, event({ stateName: 'Unavailable', outReason: 'Break', startTime: null }), codeIdByName);
    expect([next.startDate, next.lastUpdateTime]).toEqual(['2025-01-15T12:00:00.000Z', '2025-01-15T12:00:00.000Z']);
  });
});
