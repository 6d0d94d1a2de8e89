import type { Model } from '../model/model';
import type { Resource } from '../model/resource';
import { Zone, uniqueZones } from '../model/zones';
import { storeKind } from '../catalog';
import { DefaultRoute, DependencyGraph, dependencyGraph } from './graph';

/**
 * Zone sets along a request path, for the cross-resource rules. Every function answers `undefined` when something
 * on the way cannot be placed: rules stay silent rather than guess.
 */

/** Zones a resource runs in when known exactly (zonal placement); undefined otherwise. */
export function knownZones(model: Model, r: Resource): readonly Zone[] | undefined {
  const p = model.placement(r);
  return p.kind === 'zonal' ? p.zones : undefined;
}

/** One target of a load balancer: a resource, or an IP target by id. */
export interface Target {
  readonly label: string;
  readonly resource?: Resource;
  readonly zones?: readonly Zone[];
  readonly regional?: boolean;
}

export interface TargetZones {
  /** Every target of the load balancer (resources, and IP targets by id). */
  readonly targets: readonly Target[];
  /** Union of the targets' zones; undefined when a target's zone is unknown or a target is regional (Lambda…). */
  readonly zones?: readonly Zone[];
}

/** The targets behind one target group of a load balancer, or those a Classic Load Balancer registers itself. */
export interface TargetGroupZones extends TargetZones {
  /** The target group; undefined for a Classic Load Balancer's own targets. */
  readonly group?: Resource;
  /** The listener that forwards to the group (the first found, when several do). */
  readonly listener?: Resource;
}

function withZones<T extends { targets: readonly Target[] }>(t: T): T & { zones?: readonly Zone[] } {
  const known = t.targets.every((x) => x.zones && !x.regional);
  return known ? { ...t, zones: uniqueZones(t.targets.flatMap((x) => x.zones ?? [])) } : t;
}

/**
 * The targets of a load balancer group by group: its own targets (a Classic LB's instances and groups) first, then
 * each target group its listeners and listener rules forward to. Groups without targets in the template are left out.
 */
export function loadBalancerTargetGroups(model: Model, lb: Resource, g: DependencyGraph = dependencyGraph(model)): TargetGroupZones[] {
  const placed = (t: Resource): Target => {
    const p = model.placement(t);
    return { label: t.label, resource: t, zones: p.kind === 'zonal' ? p.zones : undefined, regional: p.kind === 'regional' };
  };
  const out: TargetGroupZones[] = [];
  const own = g.edgesFrom(lb, 'target').map((e) => placed(e.to));
  if (own.length) out.push(withZones({ targets: own }));
  for (const e of g.edgesFrom(lb, 'target-group')) {
    const targets: Target[] = g.edgesFrom(e.to, 'target').map((t) => placed(t.to));
    for (const ip of g.ipTargets.get(e.to) ?? []) targets.push({ label: ip.id, zones: ip.zone ? [ip.zone] : undefined });
    if (targets.length) out.push(withZones({ group: e.to, listener: e.via, targets }));
  }
  return out;
}

/** Targets of a load balancer through its listeners and target groups (or a Classic LB's instances and groups), pooled. */
export function loadBalancerTargets(model: Model, lb: Resource, g: DependencyGraph = dependencyGraph(model)): TargetZones | undefined {
  const targets = loadBalancerTargetGroups(model, lb, g).flatMap((t) => t.targets);
  return targets.length ? withZones({ targets }) : undefined;
}

/**
 * Zones in which a resource has egress that does not depend on another zone: subnets whose default routes all go to
 * a NAT gateway/instance in the subnet's own zone, or to a regional target (internet gateway, regional NAT gateway,
 * transit gateway). `needsNat` tells whether the resource sits in NAT-routed subnets at all; `crossZone` lists the
 * subnets whose egress runs through another zone.
 */
export function egressZones(model: Model, r: Resource, g: DependencyGraph = dependencyGraph(model)): { zones: Zone[]; needsNat: boolean; crossZone: Array<{ subnet: Resource; via: Resource; zone: Zone }> } | undefined {
  const subnets = g.edgesFrom(r, 'subnet').map((e) => e.to);
  if (!subnets.length) return undefined;
  const zones: Zone[] = [];
  const crossZone: Array<{ subnet: Resource; via: Resource; zone: Zone }> = [];
  let needsNat = false;
  for (const s of subnets) {
    const z = g.subnetZone(s);
    if (!z) return undefined;
    const routes = g.defaultRoutes(s);
    if (!routes.length) {
      zones.push(z); // no default route in the template: nothing outside the VPC to lose
      continue;
    }
    let own = true;
    for (const route of routes) {
      if (!route.target) return undefined;
      const p = model.placement(route.target);
      if (p.kind === 'unknown' || p.kind === 'single') return undefined;
      if (p.kind === 'zonal') {
        needsNat = true;
        if (!p.zones.some((x) => x.key === z.key)) {
          own = false;
          crossZone.push({ subnet: s, via: route.target, zone: p.zones[0] });
        }
      }
    }
    if (own) zones.push(z);
  }
  return { zones: uniqueZones(zones), needsNat, crossZone };
}

/** Data stores a compute resource talks to (data edges), with the zones each survives in. */
export function dataStoresOf(model: Model, r: Resource, g: DependencyGraph = dependencyGraph(model)): Array<{ store: Resource; zones?: readonly Zone[]; regional: boolean; evidence?: string }> {
  const out: Array<{ store: Resource; zones?: readonly Zone[]; regional: boolean; evidence?: string }> = [];
  for (const e of g.edgesFrom(r, 'data')) {
    if (storeKind(e.to.type) === 'cache') continue; // a cache degrades a path; it does not cut it
    const p = model.placement(e.to);
    out.push({ store: e.to, zones: p.kind === 'zonal' ? p.zones : undefined, regional: p.kind === 'regional', evidence: e.evidence });
  }
  return out;
}

export function intersect(a: readonly Zone[], b: readonly Zone[]): Zone[] {
  const keys = new Set(b.map((z) => z.key));
  return a.filter((z) => keys.has(z.key));
}

/** A subnet whose default route goes to a zonal target outside the subnet's zone. */
export interface CrossZoneRoute extends DefaultRoute {
  readonly subnet: Resource;
  readonly subnetZone: Zone;
  readonly target: Resource;
  /** The target's zones (none of them the subnet's). */
  readonly targetZones: readonly Zone[];
}

/**
 * Default routes that leave their subnet's zone (ZL101, ZL105): for each of `subnets` of known zone, each default route
 * (IPv4, and IPv6 when `withIpv6`) whose target `accepts` and is placed in known zones, none of them the subnet's.
 * Regional targets, targets of unknown zone and targets in the subnet's own zone are left out: never guessed.
 */
export function crossZoneDefaultRoutes(model: Model, subnets: readonly Resource[], accepts: (target: Resource) => boolean, withIpv6 = false, g: DependencyGraph = dependencyGraph(model)): CrossZoneRoute[] {
  const out: CrossZoneRoute[] = [];
  for (const subnet of subnets) {
    const subnetZone = g.subnetZone(subnet);
    if (!subnetZone) continue;
    for (const route of g.defaultRoutes(subnet, withIpv6)) {
      const target = route.target;
      if (!target || !accepts(target)) continue;
      const p = model.placement(target);
      if (p.kind !== 'zonal' || p.zones.some((z) => z.key === subnetZone.key)) continue;
      out.push({ ...route, subnet, subnetZone, target, targetZones: p.zones });
    }
  }
  return out;
}
