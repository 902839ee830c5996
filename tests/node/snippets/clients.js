// Node: the RPC core client and the typed ECS client, pointed at the mock.
const RPCClient = require('@alicloud/pop-core');
const Ecs = require('@alicloud/ecs20140526');
const OpenApi = require('@alicloud/openapi-core');

const endpoint = process.env.ALICLOUD_MOCK_ENDPOINT || '127.0.0.1:4590';

async function main() {
  const rpc = new RPCClient({accessKeyId: 'LTAI5tOwner0000000001', accessKeySecret: 'owner-secret',
                             endpoint: `http://${endpoint}`, apiVersion: '2014-05-26'});
  const regions = await rpc.request('DescribeRegions', {}, {method: 'POST'});
  console.log(regions.Regions.Region.map((r) => r.RegionId));

  const ecs = new Ecs.default(new OpenApi.$OpenApiUtil.Config({accessKeyId: 'LTAI5tOwner0000000001',
    accessKeySecret: 'owner-secret', endpoint, protocol: 'http', regionId: 'cn-hangzhou'}));
  const images = await ecs.describeImages(new Ecs.DescribeImagesRequest({regionId: 'cn-hangzhou',
    imageOwnerAlias: 'self'}));
  console.log(images.body.images.image.map((i) => i.imageId));
}

main().catch((e) => { console.error(e); process.exit(1); });
