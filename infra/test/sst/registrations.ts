// What the Pulumi mocks do not hand to `newResource`: each registration's URN, parent,
// dependencies and resource options. They come from the request Pulumi's SDK sends its
// resource monitor (the mock runtime's, here), read as the engine would read them: the
// dependency graph is what `sst deploy --target` walks (Pulumi's --target-dependents), and
// the options say whether a resource adopts an existing one (`import`) or outlives its stage.
import type { MockRecording } from './mocks.js';

/** The parts of Pulumi's RegisterResourceRequest read here (protobuf getters). */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(fn: (deps: { getUrnsList(): string[] }) => void): void };
  getImportid(): string;
  getRetainondelete(): boolean;
}

interface RegisterResponse {
  getUrn(): string;
}

type Callback = (error: unknown, response?: RegisterResponse) => void;

interface Monitor {
  registerResource(request: RegisterRequest, callback: Callback): unknown;
}

/** Makes `monitor` write each registration's graph and options into `recording`. */
export function recordRegistrations(monitor: unknown, recording: MockRecording): void {
  const target = monitor as Monitor;
  const register = target.registerResource.bind(target);
  target.registerResource = (request, callback) =>
    register(request, (error, response) => {
      if (!error && response) attach(request, response.getUrn(), recording);
      callback(error, response);
    });
}

function attach(request: RegisterRequest, urn: string, recording: MockRecording): void {
  const resource = recording.resources.find(
    (r) => r.urn === undefined && r.type === request.getType() && r.name === request.getName(),
  );
  if (!resource) return;
  const dependencies = new Set(request.getDependenciesList());
  request.getPropertydependenciesMap().forEach((deps) => {
    for (const dep of deps.getUrnsList()) dependencies.add(dep);
  });
  resource.urn = urn;
  if (request.getParent()) resource.parent = request.getParent();
  resource.dependencies = [...dependencies].sort();
  if (request.getImportid()) resource.importId = request.getImportid();
  if (request.getRetainondelete()) resource.retainOnDelete = true;
}
