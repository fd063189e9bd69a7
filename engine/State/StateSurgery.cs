using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.State;

/// <summary>
/// Pulumi's state edits as pure functions on a checkpoint: <c>state delete</c>, <c>state unprotect</c>
/// and the URN rewrite of <c>stack rename</c>. Nothing here touches a provider or the store.
/// </summary>
public static class StateSurgery
{
    private const string ProtectedRule = "can't delete a protected resource: unprotect it first (`kubedos state unprotect`), or pass --force to delete it anyway";

    /// <summary>
    /// The checkpoint without <paramref name="urn"/> (and, with <paramref name="targetDependents"/>, without everything that
    /// depends on it), like <c>pulumi state delete</c>; returns the removed URNs, the named one first.
    /// </summary>
    /// <exception cref="StateSurgeryException">
    /// No resource has the URN; a resource to remove is protected and <paramref name="force"/> is not set; or others depend
    /// on it (as dependency, property dependency, parent, or provider) and <paramref name="targetDependents"/> is not set.
    /// </exception>
    public static (Checkpoint Checkpoint, ImmutableArray<Urn> Deleted) DeleteResource(Checkpoint checkpoint, Urn urn, bool force, bool targetDependents)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(urn);
        var condemned = Require(checkpoint, urn);
        if (condemned.Protect && !force)
        {
            throw new StateSurgeryException(urn, ProtectedRule);
        }

        var dependents = DependentsOf(checkpoint, condemned);
        if (dependents.Count > 0 && !targetDependents)
        {
            throw new StateSurgeryException(
                urn,
                $"this resource can't be safely deleted because the following resources depend on it:{string.Concat(dependents.Select(d => $"{Environment.NewLine} * {d.Urn}"))}"
                + $"{Environment.NewLine}Delete those resources first, or pass --target-dependents to delete them too");
        }

        if (!force && dependents.FirstOrDefault(r => r.Protect) is { } protectedDependent)
        {
            throw new StateSurgeryException(protectedDependent.Urn, $"{ProtectedRule} (it depends on {urn})");
        }

        var removed = new List<ResourceState> { condemned };
        removed.AddRange(dependents);

        var gone = removed.Select(r => r.Urn).ToHashSet();
        var kept = checkpoint.Resources.Where(r => !gone.Contains(r.Urn)).ToImmutableList();
        var pending = checkpoint.PendingOperations.Where(p => !gone.Contains(p.Resource.Urn)).ToImmutableList();
        return (checkpoint with { Resources = kept, PendingOperations = pending }, [.. removed.Select(r => r.Urn).Distinct()]);
    }

    /// <summary>The checkpoint with the protect bit of <paramref name="urn"/> cleared, like <c>pulumi state unprotect URN</c>.</summary>
    /// <exception cref="StateSurgeryException">No resource has the URN.</exception>
    public static Checkpoint Unprotect(Checkpoint checkpoint, Urn urn)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(urn);
        Require(checkpoint, urn);
        return checkpoint with { Resources = [.. checkpoint.Resources.Select(r => r.Urn == urn ? r with { Protect = false } : r)] };
    }

    /// <summary>The checkpoint with every protect bit cleared, like <c>pulumi state unprotect --all</c>; also returns how many were set.</summary>
    public static (Checkpoint Checkpoint, int Unprotected) UnprotectAll(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var count = checkpoint.Resources.Count(r => r.Protect);
        return (checkpoint with { Resources = [.. checkpoint.Resources.Select(r => r.Protect ? r with { Protect = false } : r)] }, count);
    }

    /// <summary>
    /// The checkpoint with every URN naming stack <paramref name="newStack"/> instead of its old one (resources, parents,
    /// dependencies, property dependencies, provider references, pending operations), as <c>pulumi stack rename</c> does;
    /// the root stack resource's name <c>&lt;project&gt;-&lt;stack&gt;</c> follows.
    /// </summary>
    public static Checkpoint RenameStack(Checkpoint checkpoint, string newStack)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(newStack);
        // Like Pulumi, the root stack resource's name is <project>-<stack>, so it is renamed too.
        Urn Rename(Urn urn) => urn.QualifiedType == Urn.RootStackType
            ? Urn.Create(newStack, urn.Project, string.Empty, Urn.RootStackType, $"{urn.Project}-{newStack}")
            : Urn.Create(newStack, urn.Project, ParentTypeOf(urn), urn.Type, urn.Name);
        ResourceState RenameResource(ResourceState r) => r with
        {
            Urn = Rename(r.Urn),
            Parent = r.Parent is null ? null : Rename(r.Parent),
            Dependencies = [.. r.Dependencies.Select(Rename)],
            PropertyDependencies = r.PropertyDependencies.ToImmutableSortedDictionary(p => p.Key, p => p.Value.Select(Rename).ToImmutableArray(), StringComparer.Ordinal),
            Provider = RenameProviderReference(r.Provider, Rename),
        };
        return checkpoint with
        {
            Resources = [.. checkpoint.Resources.Select(RenameResource)],
            PendingOperations = [.. checkpoint.PendingOperations.Select(p => p with { Resource = RenameResource(p.Resource) })],
        };
    }

    private static ResourceState Require(Checkpoint checkpoint, Urn urn) =>
        checkpoint.Find(urn) ?? checkpoint.Resources.FirstOrDefault(r => r.Urn == urn)
        ?? throw new StateSurgeryException(urn, "no such resource in the stack's state (list them with `kubedos stack export`)");

    /// <summary>Every resource that must go before <paramref name="condemned"/> does, transitively, in checkpoint order.</summary>
    private static List<ResourceState> DependentsOf(Checkpoint checkpoint, ResourceState condemned)
    {
        var doomed = new HashSet<Urn> { condemned.Urn };
        var dependents = new List<ResourceState>();

        // Dependents come after what they depend on in a checkpoint, so one pass in order finds them all.
        foreach (var r in checkpoint.Resources)
        {
            if (doomed.Contains(r.Urn))
            {
                continue;
            }

            var providerUrn = ProviderUrnOf(r.Provider);
            if (r.DependenciesAndParent.Any(doomed.Contains)
                || r.PropertyDependencies.Values.Any(urns => urns.Any(doomed.Contains))
                || (providerUrn is not null && doomed.Contains(providerUrn)))
            {
                doomed.Add(r.Urn);
                dependents.Add(r);
            }
        }

        return dependents;
    }

    private static string ParentTypeOf(Urn urn)
    {
        var i = urn.QualifiedType.LastIndexOf('$');
        return i < 0 ? string.Empty : urn.QualifiedType[..i];
    }

    private static Urn? ProviderUrnOf(string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        var i = reference.LastIndexOf("::", StringComparison.Ordinal);
        return i > 0 && Urn.TryParse(reference[..i], out var urn) ? urn : null;
    }

    private static string? RenameProviderReference(string? reference, Func<Urn, Urn> rename)
    {
        if (reference is null || ProviderUrnOf(reference) is not { } urn)
        {
            return reference;
        }

        return rename(urn).Value + reference[reference.LastIndexOf("::", StringComparison.Ordinal)..];
    }
}
