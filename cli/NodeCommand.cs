using System.CommandLine;
using Kubedos.Components.Enrollment;
using Kubedos.Components.Kubernetes;
using Kubedos.Engine.Automation;
using Kubedos.Enrollment.Revocation;

namespace Kubedos.Cli;

/// <summary>
/// <c>kubedos node revoke NODE --stack S [--reason R]</c>: puts every certificate of the node (those the enrollment
/// service issued and the identity in <c>out/&lt;stack&gt;/pki/nodes/</c>) on the stack's revocation list and records
/// the decision in the audit log. The service refuses the node from its next request on.
/// </summary>
internal static class NodeCommand
{
    public static Command Create(Option<string?> stackOption)
    {
        var node = new Argument<string>("node") { Description = "The node to revoke" };
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the revocation list and the audit log)", DefaultValueFactory = _ => "revoked by operator" };
        var outDir = new Option<string?>("--out-dir") { Description = "The stack files' root (default: out in the project directory)" };
        outDir.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && !Directory.Exists(path))
            {
                result.AddError($"--out-dir {path}: is not a directory; give the stack files' root (the kubedos:outDir of the stack, default out)");
            }
        });
        var revoke = new Command("revoke", "Revoke a node's certificates; the enrollment service refuses it afterwards") { node, reason, outDir, stackOption };
        revoke.SetAction(async (parse, ct) =>
        {
            var stack = parse.GetValue(stackOption) ?? Environment.GetEnvironmentVariable("KUBEDOS_STACK");
            if (stack is null)
            {
                await Console.Error.WriteLineAsync("kubedos node revoke: give --stack S (or set KUBEDOS_STACK)");
                return ExitCodes.Usage;
            }

            if (StackNameRule.Problem(stack) is { } invalid)
            {
                await Console.Error.WriteLineAsync($"kubedos node revoke: {invalid}");
                return ExitCodes.Usage;
            }

            var root = parse.GetValue(outDir) ?? Path.Combine(ProjectDirectory(), "out");
            return await RevokeAsync(Path.Combine(root, stack), parse.GetValue(node)!, parse.GetValue(reason)!, TimeProvider.System, Console.Out, Console.Error, ct);
        });
        return new Command("node", "Cluster membership") { revoke };
    }

    /// <summary>Revokes <paramref name="node"/> in the stack whose files are in <paramref name="stackOut"/>; exit 1 for a node the stack never knew, 7 for unreadable enrollment state.</summary>
    public static async Task<int> RevokeAsync(
        string stackOut, string node, string reason, TimeProvider time, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return await RevokeCoreAsync(stackOut, node, reason, time, output, error, cancellationToken);
        }
        catch (EnrollmentStateFileException e)
        {
            await error.WriteLineAsync($"kubedos node revoke: {e.Message}");
            return ExitCodes.StateError;
        }
    }

    private static async Task<int> RevokeCoreAsync(
        string stackOut, string node, string reason, TimeProvider time, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IReadOnlyList<RevokedCertificate> revoked;
        try
        {
            revoked = await StackRevocation.RevokeAsync(stackOut, node, reason, time, cancellationToken);
        }
        catch (KeyNotFoundException e)
        {
            await error.WriteLineAsync($"kubedos node revoke: {e.Message}");
            return ExitCodes.InvalidSpec;
        }

        var state = EnrollmentStateDirectory.Of(stackOut);
        await output.WriteLineAsync(revoked.Count == 0
            ? $"{node}: already revoked"
            : $"{node}: revoked {string.Join(", ", revoked.Select(r => r.Serial))} ({state.RevocationsPath}); audit: {state.AuditPath}");

        // A control plane's etcd certificates too: the next up signs them into the etcd CA's revocation list.
        var etcd = EtcdRevocations.Revoke(stackOut, node, reason, time.GetUtcNow());
        if (etcd.Count > 0)
        {
            await output.WriteLineAsync($"{node}: etcd certificates revoked {string.Join(", ", etcd.Select(r => r.Serial))} ({EtcdRevocations.PathOf(stackOut)}); the next up signs the etcd CA's revocation list");
        }

        return ExitCodes.Success;
    }

    // The project directory is the nearest one holding Pulumi.yaml, as the CLI runs anywhere inside it.
    private static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pulumi.yaml")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
