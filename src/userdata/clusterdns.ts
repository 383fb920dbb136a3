// The cluster DNS (CoreDNS service) IP: the service CIDR's network address + 10, for IPv4
// (10.100.0.0/16 → 10.100.0.10) and IPv6 (fd00:1234::/108 → fd00:1234::a) alike.
import * as ipaddr from "ipaddr.js";
import { isCidr, parseCidr } from "../facts/grammar";
import { memoize } from "../base/memo";

/** EKS's default IPv4 service CIDR, which Windows' bootstrap assumes unless told otherwise. */
export const DEFAULT_SERVICE_IPV4_CIDR = "10.100.0.0/16";

/** The DNS IP of a canonical service CIDR (see grammar.parseCidr), or undefined for anything else. */
export const dnsClusterIp = memoize((serviceCidr: string): string | undefined => {
    const parsed = parseCidr(serviceCidr);
    if (!isCidr(parsed) || parsed.prefix > parsed.address.toByteArray().length * 8 - 4) return undefined;
    // The host bits are zero (canonical form): add 10 in the last byte (the host part is ≥ 4 bits).
    const bytes = parsed.address.toByteArray();
    bytes[bytes.length - 1] += 10;
    const ip = ipaddr.fromByteArray(bytes);
    return ip.kind() === "ipv6" ? (ip as ipaddr.IPv6).toRFC5952String() : ip.toString();
});
