// Search as you type sends a request per pause in typing; an older, slower answer must never
// replace a newer one. Each request takes a number; only the newest number's answer is kept.

export class LatestOnly {
  private issued = 0;

  /** A ticket for a request about to be sent; it retires every earlier ticket. */
  next(): number {
    this.issued += 1;
    return this.issued;
  }

  /** Whether the answer to this ticket is still wanted. */
  isCurrent(ticket: number): boolean {
    return ticket === this.issued;
  }

}
