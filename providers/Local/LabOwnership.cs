using System.Globalization;
using System.Text.Json;

namespace Kubedos.Providers.Local;

/// <summary>
/// Which state a lab stack belongs to: the owner file in the stack's lab directory, written before anything
/// of the lab is made and removed after everything else.
/// </summary>
/// <remarks>
/// Lab names derive from the stack name alone, so two states with one stack name (a checkout and a test's
/// temp project) would name the same namespaces. Creating never adopts a lab another state owns, and
/// reading, updating or deleting one never touches it. A state recorded before owners existed passes no
/// owner (null): it owns a lab only when that lab has no owner file either.
/// </remarks>
internal sealed class LabOwnership(LabOptions options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The stack's owner record, or null when it has none.</summary>
    public async Task<LabOwnerRecord?> ReadAsync(string stack, CancellationToken cancellationToken)
    {
        var file = options.OwnerFile(stack);
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LabOwnerRecord>(await File.ReadAllTextAsync(file, cancellationToken), Json)
                ?? throw new LabConflictException($"the owner file {file} of lab stack {stack} is empty; remove it only if no state owns that lab");
        }
        catch (JsonException e)
        {
            throw new LabConflictException($"the owner file {file} of lab stack {stack} is unreadable ({e.Message}); remove it only if no state owns that lab", e);
        }
    }

    /// <summary>True when the state <paramref name="owner"/> (null: recorded before owners existed) owns the stack's lab.</summary>
    public async Task<bool> OwnsAsync(string stack, string? owner, CancellationToken cancellationToken) =>
        Owns(await ReadAsync(stack, cancellationToken), owner);

    /// <summary>Records <paramref name="owner"/> as the stack's owner, or refuses when the lab is another state's.</summary>
    /// <param name="stack">The stack.</param>
    /// <param name="owner">The state claiming the lab.</param>
    /// <param name="existing">What of the lab already exists on the host (empty when nothing does).</param>
    /// <param name="takeOverUnowned">True only for a state that recorded this lab before owners existed.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    public async Task ClaimAsync(string stack, LabOwner owner, IReadOnlyList<string> existing, bool takeOverUnowned, CancellationToken cancellationToken)
    {
        var record = await ReadAsync(stack, cancellationToken);
        if (record is not null && record.Id != owner.Id)
        {
            throw new LabConflictException(Refusal(stack, record, owner));
        }

        if (record is null && existing.Count > 0 && !takeOverUnowned)
        {
            throw new LabConflictException(
                $"lab stack {stack} already exists on this host ({string.Join(", ", existing)}) with no owner file {options.OwnerFile(stack)}: "
                + $"another lab root or a Kubedos from before lab owners made it, and this state ({owner.Project}, owner {owner.Id}) does not adopt it. "
                + $"Use another stack name, or destroy that lab from the project that made it (scripts/lab/lab-status.sh {stack} lists what it holds)");
        }

        if (record is null || record.Project != owner.Project)
        {
            Directory.CreateDirectory(options.StackDirectory(stack));
            if (!OperatingSystem.IsWindows())
            {
                // The stack's lab directory holds node host keys and secrets: root's alone.
                File.SetUnixFileMode(options.StackDirectory(stack), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var file = options.OwnerFile(stack);
            var fresh = file + ".new";
            await File.WriteAllTextAsync(
                fresh, JsonSerializer.Serialize(new LabOwnerRecord(owner.Id, stack, owner.Project, record?.Created ?? time.GetUtcNow()), Json), cancellationToken);
            File.Move(fresh, file, overwrite: true);
        }
    }

    /// <summary>Throws unless <paramref name="owner"/> owns the stack's lab (used before changing anything of it).</summary>
    public async Task RequireAsync(string stack, string owner, string what, CancellationToken cancellationToken)
    {
        var record = await ReadAsync(stack, cancellationToken);
        if (record is null)
        {
            throw new LabConflictException(
                $"{what}: lab stack {stack} has no owner file {options.OwnerFile(stack)}: its underlay was not made by this state (owner {owner}); create the underlay first");
        }

        if (record.Id != owner)
        {
            throw new LabConflictException(
                $"{what}: lab stack {stack} on this host belongs to another state: project {record.Project} (owner {record.Id}); this state (owner {owner}) does not adopt it");
        }
    }

    /// <summary>Removes the owner file (the last thing of a lab to go).</summary>
    public void Release(string stack) => File.Delete(options.OwnerFile(stack));

    /// <summary>True when the record says <paramref name="owner"/> (null: recorded before owners existed) owns the lab.</summary>
    public static bool Owns(LabOwnerRecord? record, string? owner) => owner is null ? record is null : record?.Id == owner;

    private static string Refusal(string stack, LabOwnerRecord record, LabOwner owner) =>
        $"lab stack {stack} on this host belongs to another state: project {record.Project} (owner {record.Id}, since {record.Created.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}); "
        + $"this state ({owner.Project}, owner {owner.Id}) does not adopt it. Use another stack name, or destroy that lab from its project "
        + $"(cd {record.Project} && ./kubedos destroy --stack {stack} --yes)";
}
