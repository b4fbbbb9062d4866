/** The bare address of MAIL_FROM ("Retrowalk <coach@x>" -> "coach@x"), for From lines and Message-IDs. */
export function senderAddressOf(mailFrom: string): string {
  return /<?([^\s<>]+@[^\s<>]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'coach@retrowalk.localhost';
}

/** One Message-ID per scheduled row, so a resend is recognisable as the same message. */
export function messageIdOf(rowId: string, senderAddress: string): string {
  return `<${rowId}@${senderAddress.split('@')[1] ?? 'retrowalk.localhost'}>`;
}
