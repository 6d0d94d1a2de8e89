import { minZonesMessage } from '../model/describe';
import { knownSubnets } from '../model/placement';
import type { Resource } from '../model/resource';
import type { RuleContext } from './types';

/** The words of a minZones finding (see minZonesMessage) and the property it points at. */
export interface MinZonesWords {
  readonly path: string;
  /** "ECS service Web places its tasks through its awsvpc subnets in" */
  readonly subject: string;
  /** What losing the only zone does: "stops every task, and …". */
  readonly onlyZoneLost: string;
  /** What the zones left are short for: "to run tasks in". */
  readonly leftToServe: string;
}

/**
 * Reports `r` when its placement covers fewer known zones than the rule's `minZones` option, with its subnets of the
 * input as related resources. The shared body of the "<type> in fewer zones than minZones" rules; an unknown placement
 * is never reported.
 */
export function reportMinZones(ctx: RuleContext, r: Resource, words: MinZonesWords): boolean {
  const message = minZonesMessage(ctx.model.placement(r), Number(ctx.options.minZones), words.subject, words.onlyZoneLost, words.leftToServe);
  if (!message) return false;
  ctx.report({ resource: r, path: words.path, message, related: knownSubnets(r).map((resource) => ({ resource, role: 'subnet' })) });
  return true;
}
