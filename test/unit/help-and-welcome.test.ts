/**
 * `hjälp` per role: each person sees only the commands they may use (the access policy, and owner
 * commands only for owners), under a heading that says what Tertial does for them; the welcome texts
 * for a person and for a team channel say who Tertial is and what to do there.
 */
import { COMMANDS } from '../../bot/commands';
import { helpCommand } from '../../bot/commands/help-command';
import type { CommandRequest } from '../../bot/commands/command-types';
import { BOT_TEXTS } from '../../cards/bot-texts';
import { personPrincipal } from '../../services/access/access-policy';

async function helpFor(roles: { admin?: boolean; ledningsgrupp?: boolean; owner?: boolean }): Promise<string> {
  const id = 'person-1';
  const sent: string[] = [];
  const request = {
    context: { sendActivity: async (t: string) => void sent.push(t) },
    services: { collection: { reference: { owner: async () => (roles.owner ? { aadObjectId: id, name: 'Ägare' } : null) } } },
    user: { aadObjectId: id, name: 'Person', principal: personPrincipal({ id, name: 'Person' }, { admins: roles.admin ? [id] : [], ledningsgrupp: roles.ledningsgrupp ? [id] : [] }) },
    args: '',
    commands: COMMANDS,
  } as unknown as CommandRequest;
  await helpCommand.run(request);
  return sent.join('\n');
}

const listed = (text: string) => [...text.matchAll(/^- \*\*([^*]+)\*\*/gm)].map((m) => m[1]);

describe('hjälp per role', () => {
  it('an owner sees status and delegera, and none of the admin or ledningsgrupp commands', async () => {
    const text = await helpFor({ owner: true });
    expect(listed(text)).toEqual(expect.arrayContaining(['status', 'hjälp', 'delegera']));
    expect(listed(text)).not.toEqual(expect.arrayContaining(['omgång']));
    for (const word of ['omgång', 'läge', 'påminn nu', 'publicera', 'bedömningar', 'ledningsgrupp']) expect(listed(text)).not.toContain(word);
    expect(text).toMatch(/^Tertial samlar in status .* Du får en påminnelse när det är dags .* Det här kan du skriva:/);
  });

  it('the ledningsgrupp (not owning anything) sees bedömningar, not status or the admin commands', async () => {
    const names = listed(await helpFor({ ledningsgrupp: true }));
    expect(names).toContain('bedömningar');
    expect(names).not.toContain('status');
    expect(names).not.toContain('omgång');
  });

  it('an admin sees the admin commands and says what an admin does', async () => {
    const text = await helpFor({ admin: true });
    expect(listed(text)).toEqual(expect.arrayContaining(['omgång', 'läge', 'påminn nu', 'publicera', 'status']));
    expect(text).toContain('Som administratör skapar du omgångar');
  });

  it('someone with no role is told so, and sees only hjälp', async () => {
    const text = await helpFor({});
    expect(listed(text)).toEqual(['hjälp']);
    expect(text).toContain('Du har inga aktiviteter att rapportera');
  });
});

describe('welcome texts', () => {
  it('tell an admin what they can do here, and an owner how reminders work', () => {
    const admin = BOT_TEXTS.welcome('Kommunchef', { owner: false, admin: true, ledningsgrupp: true });
    expect(admin).toMatch(/^Hej Kommunchef! Jag är Tertial/);
    expect(admin).toContain('**omgång skapa 2026 T2 31 augusti**');
    expect(admin).toContain('**bedömningar**');
    expect(admin).not.toContain('påminner dig');
    expect(BOT_TEXTS.welcome('', { owner: true, admin: false, ledningsgrupp: false })).toContain('Jag påminner dig när det är dags');
  });

  it('tell a team channel who Tertial is and how it becomes the ledningsgrupp channel', () => {
    expect(BOT_TEXTS.channelWelcome(true)).toContain('Skriv **@Tertial ledningsgrupp** här');
    expect(BOT_TEXTS.channelWelcome(false)).toContain('En administratör gör kanalen till ledningsgruppens');
  });
});
