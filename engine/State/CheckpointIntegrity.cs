using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.State;

/// <summary>What must hold of a checkpoint before the engine acts on it; checked on import and on every load, whatever the backend.</summary>
/// <remarks>
/// Like Pulumi's snapshot integrity check: a damaged or foreign checkpoint is refused with the URN
/// and the rule it breaks, instead of being walked (a parent cycle would loop forever), planned
/// (a duplicate URN would be deleted twice) or destroyed (another stack's resources are another
/// stack's lab). Pure: it reads the checkpoint only, never a file or a provider.
/// Rules: <c>other-stack</c>, <c>other-project</c>, <c>type-mismatch</c>, <c>duplicate-urn</c>,
/// <c>missing-id</c>, <c>dangling-parent</c>, <c>parent-cycle</c>, <c>dangling-dependency</c>,
/// <c>dangling-property-dependency</c>, <c>dependency-cycle</c>, <c>malformed-provider</c>,
/// <c>missing-provider</c>.
/// </remarks>
public static class CheckpointIntegrity
{
    /// <summary>The prefix of a provider resource's type (<c>pulumi:providers:&lt;package&gt;</c>).</summary>
    private const string ProviderTypePrefix = "pulumi:providers:";

    /// <summary>Every rule <paramref name="checkpoint"/> breaks as the state of <paramref name="stack"/> of <paramref name="project"/>; empty when it is sound.</summary>
    public static ImmutableArray<CheckpointIntegrityViolation> Check(Checkpoint checkpoint, string project, string stack)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(project);
        ArgumentException.ThrowIfNullOrEmpty(stack);
        var violations = ImmutableArray.CreateBuilder<CheckpointIntegrityViolation>();
        var all = checkpoint.Resources.Select(r => r.Urn).ToHashSet();
        var live = new Dictionary<Urn, ResourceState>();
        foreach (var r in checkpoint.Resources.Where(r => !r.Delete))
        {
            live.TryAdd(r.Urn, r);
        }

        var seen = new HashSet<(Urn, bool, string?)>();
        foreach (var r in checkpoint.Resources)
        {
            CheckIdentity(r, project, stack, "resource", violations);
            if (!seen.Add((r.Urn, r.Delete, r.Delete ? r.Id : null)))
            {
                violations.Add(new(r.Urn, "duplicate-urn", r.Delete
                    ? $"the checkpoint holds this old resource (delete: true, id '{r.Id}') twice"
                    : "the checkpoint holds two live resources with this URN; each URN names one resource"));
            }

            if (r.Custom && r.Id is null)
            {
                violations.Add(new(r.Urn, "missing-id", "a custom resource has no id, so its provider cannot read, update or delete it"));
            }

            if (r.Parent is { } parent && !all.Contains(parent))
            {
                violations.Add(new(r.Urn, "dangling-parent", $"its parent {parent.Value} is not in the checkpoint"));
            }

            foreach (var dependency in r.Dependencies.Where(d => !all.Contains(d)).Distinct())
            {
                violations.Add(new(r.Urn, "dangling-dependency", $"it depends on {dependency.Value}, which is not in the checkpoint"));
            }

            foreach (var (property, urns) in r.PropertyDependencies)
            {
                foreach (var dependency in urns.Where(d => !all.Contains(d)).Distinct())
                {
                    violations.Add(new(r.Urn, "dangling-property-dependency", $"its property '{property}' depends on {dependency.Value}, which is not in the checkpoint"));
                }
            }

            CheckProvider(r, project, stack, live, violations);
        }

        foreach (var pending in checkpoint.PendingOperations)
        {
            CheckIdentity(pending.Resource, project, stack, "pending operation", violations);
        }

        var parentCycles = ParentCycles(checkpoint.Resources);
        violations.AddRange(parentCycles);
        if (parentCycles.Count == 0)
        {
            violations.AddRange(DependencyCycles(checkpoint.Resources));
        }

        return violations.ToImmutable();
    }

    /// <summary>Throws when <paramref name="checkpoint"/> breaks any rule.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="project">The project it must belong to.</param>
    /// <param name="stack">The stack it must belong to.</param>
    /// <param name="source">Where it came from, for the message: the stack file, or the imported file.</param>
    /// <param name="remedy">What to do about it; the default says how to export, fix and import it.</param>
    /// <exception cref="CheckpointIntegrityException">It breaks a rule; lists each with its URN.</exception>
    public static void Verify(Checkpoint checkpoint, string project, string stack, string source, string? remedy = null)
    {
        var violations = Check(checkpoint, project, stack);
        if (violations.Length > 0)
        {
            throw new CheckpointIntegrityException(source, violations, remedy
                ?? $"the stack's state is damaged: export it (`kubedos stack export --stack {stack} --file state.json`), fix those resources, and import it again (`kubedos stack import --stack {stack} --file state.json`)");
        }
    }

    private static void CheckIdentity(ResourceState r, string project, string stack, string what, ImmutableArray<CheckpointIntegrityViolation>.Builder violations)
    {
        if (r.Urn.Stack != stack)
        {
            violations.Add(new(r.Urn, "other-stack", $"the {what} belongs to stack '{r.Urn.Stack}', not '{stack}'; acting on it would change that stack's resources"));
        }

        if (r.Urn.Project != project)
        {
            violations.Add(new(r.Urn, "other-project", $"the {what} belongs to project '{r.Urn.Project}', not '{project}'"));
        }

        if (r.Urn.Type != r.Type)
        {
            violations.Add(new(r.Urn, "type-mismatch", $"the {what}'s type is '{r.Type}' but its URN says '{r.Urn.Type}'"));
        }
    }

    // A reference is "<provider URN>::<provider id>". Built-in providers are not resources in the
    // checkpoint; the engine records them as pulumi:providers:<package>::<name>::<name>.
    private static void CheckProvider(ResourceState r, string project, string stack, Dictionary<Urn, ResourceState> live, ImmutableArray<CheckpointIntegrityViolation>.Builder violations)
    {
        if (r.Provider is not { } reference)
        {
            return;
        }

        var split = reference.LastIndexOf("::", StringComparison.Ordinal);
        if (split <= 0 || !Urn.TryParse(reference[..split], out var provider) || !provider.Type.StartsWith(ProviderTypePrefix, StringComparison.Ordinal))
        {
            violations.Add(new(r.Urn, "malformed-provider", $"its provider reference '{reference}' is not <urn of a pulumi:providers:<package> resource>::<id>"));
            return;
        }

        var id = reference[(split + 2)..];
        var package = provider.Type[ProviderTypePrefix.Length..];
        var ownPackage = r.Type.Split(':')[0];
        if (provider.Stack != stack || provider.Project != project)
        {
            violations.Add(new(r.Urn, "other-stack", $"its provider {provider.Value} belongs to stack '{provider.Stack}' of project '{provider.Project}', not '{stack}' of '{project}'"));
        }
        else if (package != ownPackage)
        {
            violations.Add(new(r.Urn, "missing-provider", $"its provider {provider.Value} serves package '{package}', not '{ownPackage}'"));
        }
        else if (live.TryGetValue(provider, out var recorded))
        {
            if (recorded.Id != id)
            {
                violations.Add(new(r.Urn, "missing-provider", $"its provider {provider.Value} is in the checkpoint with id '{recorded.Id}', not '{id}'"));
            }
        }
        else if (provider.Name != id)
        {
            violations.Add(new(r.Urn, "missing-provider", $"its provider {provider.Value} (id '{id}') is not in the checkpoint"));
        }
    }

    private static List<CheckpointIntegrityViolation> ParentCycles(IReadOnlyList<ResourceState> resources)
    {
        var parentOf = new Dictionary<Urn, Urn?>();
        foreach (var r in resources.Where(r => !r.Delete))
        {
            parentOf.TryAdd(r.Urn, r.Parent);
        }

        var violations = new List<CheckpointIntegrityViolation>();
        var done = new HashSet<Urn>();
        foreach (var start in parentOf.Keys)
        {
            var path = new List<Urn>();
            var onPath = new HashSet<Urn>();
            for (Urn? current = start; current is not null && !done.Contains(current) && parentOf.ContainsKey(current); current = parentOf[current])
            {
                if (!onPath.Add(current))
                {
                    var cycle = path.Skip(path.IndexOf(current)).Append(current).Select(u => u.Value);
                    violations.Add(new(current, "parent-cycle", $"its parent chain leads back to it: {string.Join(" -> ", cycle)}"));
                    break;
                }

                path.Add(current);
            }

            done.UnionWith(path);
        }

        return violations;
    }

    // Edges point from a resource to what it needs: its parent, dependencies and property dependencies.
    private static List<CheckpointIntegrityViolation> DependencyCycles(IReadOnlyList<ResourceState> resources)
    {
        var needs = new Dictionary<Urn, List<Urn>>();
        foreach (var r in resources.Where(r => !r.Delete))
        {
            if (!needs.TryGetValue(r.Urn, out var list))
            {
                needs[r.Urn] = list = [];
            }

            list.AddRange(r.DependenciesAndParent);
            list.AddRange(r.PropertyDependencies.Values.SelectMany(urns => urns));
        }

        var violations = new List<CheckpointIntegrityViolation>();
        var state = new Dictionary<Urn, bool>(); // false: on the current path; true: finished
        foreach (var root in needs.Keys)
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            // Iterative depth-first search: a long chain must not overflow the stack.
            var path = new List<(Urn Urn, int Next)> { (root, 0) };
            state[root] = false;
            while (path.Count > 0)
            {
                var (urn, next) = path[^1];
                var edges = needs[urn];
                if (next == edges.Count)
                {
                    state[urn] = true;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                path[^1] = (urn, next + 1);
                var target = edges[next];
                if (!needs.ContainsKey(target) || (state.TryGetValue(target, out var finished) && finished))
                {
                    continue;
                }

                if (state.ContainsKey(target))
                {
                    var cycle = path.Select(p => p.Urn).SkipWhile(u => u != target).Append(target).Select(u => u.Value);
                    violations.Add(new(target, "dependency-cycle", $"it depends on itself through {string.Join(" -> ", cycle)}"));
                    continue;
                }

                state[target] = false;
                path.Add((target, 0));
            }
        }

        return violations;
    }
}
