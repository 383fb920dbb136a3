// The cluster DNS (CoreDNS service) IP: the service CIDR's network address + 10, for IPv4
// (10.100.0.0/16 → 10.100.0.10) and IPv6 (fd00:1234::/108 → fd00:1234::a) alike.
import * as ipaddr from "ipaddr.js";
import { memoize } from "../model/memo";

/** EKS's default IPv4 service CIDR, which Windows' bootstrap assumes unless told otherwise. */
export const DEFAULT_SERVICE_IPV4_CIDR = "10.100.0.0/16";

/** Parses a CIDR; undefined when it is not one. */
export const parseCidr = memoize((cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined => {
    try {
        // ipaddr.parseCIDR tries IPv6 first and throws on every IPv4 CIDR on the way: pick the family here.
        return cidr.includes(":") ? ipaddr.IPv6.parseCIDR(cidr) : ipaddr.IPv4.parseCIDR(cidr);
    } catch {
        return undefined;
    }
});

export const dnsClusterIp = memoize((serviceCidr: string): string => {
    const parsed = parseCidr(serviceCidr);
    if (parsed === undefined) throw new Error(`${JSON.stringify(serviceCidr)} is not a CIDR`);
    const [address, prefix] = parsed;
    const bytes = address.toByteArray();
    const bits = bytes.length * 8;
    // Network address: clear the host bits, then add 10 in the last byte (the host part is ≥ 4 bits).
    for (let i = 0; i < bytes.length; i++) {
        const hostBits = Math.max(0, Math.min(8, bits - prefix - (bytes.length - 1 - i) * 8));
        bytes[i] &= (0xff << hostBits) & 0xff;
    }
    bytes[bytes.length - 1] += 10;
    return ipaddr.fromByteArray(bytes).toString();
});
