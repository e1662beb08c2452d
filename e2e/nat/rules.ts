/** How the two routers treat traffic between their LAN and the WAN. */
export type NatBehaviour = 'cone' | 'symmetric' | 'udp-blocked' | 'only-piping';

export const natBehaviours: readonly NatBehaviour[] = [
  'cone',
  'symmetric',
  'udp-blocked',
  'only-piping',
];

/** TCP destinations that stay reachable in 'only-piping': the piping-server, and the app. */
export interface OpenTcp {
  address: string;
  ports: readonly number[];
}

/** An `iptables-restore` input for a router, replacing its nat and filter tables. */
export function routerRules(nat: NatBehaviour, open: OpenTcp): string {
  // --random-fully picks a new public port per destination: a symmetric NAT.
  const masquerade = `-A POSTROUTING -o wan0 -j MASQUERADE${nat === 'symmetric' ? ' --random-fully' : ''}`;
  const forward: string[] = [];
  if (nat === 'udp-blocked') forward.push('-A FORWARD -p udp -j DROP');
  if (nat === 'only-piping') {
    forward.push('-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT');
    for (const port of open.ports) {
      forward.push(
        `-A FORWARD -i lan0 -o wan0 -p tcp -d ${open.address} --dport ${port} -j ACCEPT`,
      );
    }
    forward.push('-A FORWARD -j DROP');
  }
  return [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    masquerade,
    'COMMIT',
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    // Packets sent to the router itself (a peer's hole-punch) would otherwise create conntrack
    // entries that remap the LAN host's flow to another port, and cone NAT stops being cone.
    '-A INPUT -i wan0 -j DROP',
    ...forward,
    'COMMIT',
    '',
  ].join('\n');
}
