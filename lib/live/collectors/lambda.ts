import { paginateListFunctions } from '@aws-sdk/client-lambda';
import { CollectContext, attempt } from './context';

export const LAMBDA_PAGE = 50;

export async function collectLambda(ctx: CollectContext): Promise<void> {
  const client = ctx.clients.lambda();
  await attempt(ctx, 'lambda', 'ListFunctions', async () => {
    const out: NonNullable<typeof ctx.data.functions> = (ctx.data.functions = []);
    for await (const page of paginateListFunctions({ client, pageSize: LAMBDA_PAGE }, {})) {
      for (const f of page.Functions ?? []) {
        if (!f.FunctionName) continue;
        out.push({
          name: f.FunctionName,
          arn: f.FunctionArn,
          runtime: f.Runtime,
          vpcId: f.VpcConfig?.VpcId || undefined,
          subnetIds: f.VpcConfig?.SubnetIds ?? [],
          securityGroupIds: f.VpcConfig?.SecurityGroupIds ?? [],
        });
      }
    }
  });
}
