using System.Collections.Immutable;

namespace Kubedos.Engine.Model;

/// <summary>What a registration waits for before its step, and the dependencies its record keeps.</summary>
/// <remarks>
/// Depending on a component means depending on its custom descendants, except for one's own
/// ancestors: waiting on one's siblings through the parent would deadlock. The deployment and the
/// in-memory test harness share this, so a stage behaves the same under both.
/// </remarks>
internal static class RegistrationDependencies
{
    /// <summary>Waits for the parent and every resource <paramref name="registration"/> depends on; returns the dependencies' URNs in URN order.</summary>
    /// <remarks>
    /// The parent is waited for as in Pulumi, where a child registers once its parent has: a checkpoint then never
    /// records a child before its parent (which its integrity check refuses), and a failed parent skips its children.
    /// A parent never waits for its own descendants, so this cannot deadlock.
    /// </remarks>
    public static async Task<ImmutableArray<Urn>> AwaitAsync(ResourceRegistration registration, SerializedInputs inputs, Resource? root)
    {
        if (registration.Resource.Parent is { } parent)
        {
            await parent.Registration.ConfigureAwait(false);
        }

        var waitFor = inputs.Dependencies.Concat(registration.Options.DependsOn)
            .SelectMany(r => IsSelfOrDescendant(registration.Resource, r) ? [r] : r.CustomDescendantsAndSelf())
            .Where(r => !IsSelfOrDescendant(r, registration.Resource) && r != root)
            .Distinct()
            .ToList();
        await Task.WhenAll(waitFor.Select(r => r.Registration)).ConfigureAwait(false);
        // In URN order: the set they come from has no order of its own, and a record must not change between runs for it.
        return [.. waitFor.Select(r => r.ResourceUrn).Distinct().OrderBy(u => u.Value, StringComparer.Ordinal)];
    }

    private static bool IsSelfOrDescendant(Resource candidate, Resource self)
    {
        for (var r = candidate; r is not null; r = r.Parent)
        {
            if (r == self)
            {
                return true;
            }
        }

        return false;
    }
}
