// A JSON source read from a file can release its text and position index (the CLI does on large inputs once the
// findings have their positions); a later lookup reads the file again and gives the same positions.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readSourceFile } from '../lib/load/template';

test('positions after release() are those before', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonelint-release-'));
  const file = path.join(dir, 't.json');
  fs.writeFileSync(file, '\uFEFF{\n  "Resources": {\n    "A": {\n      "Type": "AWS::EC2::Subnet",\n      "Properties": { "AvailabilityZone": "us-east-1a" }\n    }\n  }\n}\n');
  const paths = [['Resources', 'A'], ['Resources', 'A', 'Properties', 'AvailabilityZone'], ['Resources', 'A', 'Type'], ['Resources']];
  const source = readSourceFile(file);
  const before = paths.map((p) => source.positionOf(p));
  expect(source.release).toBeDefined();
  source.release!();
  expect(paths.map((p) => source.positionOf(p))).toEqual(before);
  expect(before[1]).toEqual({ line: 5, column: 23 });
  fs.rmSync(dir, { recursive: true, force: true });
});
