using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Kubedos.Components;
using Kubedos.Components.Enrollment;
using Kubedos.Components.Image;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Ansible;
using Kubedos.Providers.Command;
using Kubedos.Providers.Kubernetes;
using Kubedos.Providers.Local;
using Kubedos.Providers.Random;
using Kubedos.Providers.Tls;
using Kubedos.Providers.WireGuard;
using Kubedos.Spec.Normalisation;
using Kubedos.Spec.Validation;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// A throwaway Kubedos project for one lab stack: Pulumi.yaml with a file backend in a temp
/// directory, the stack's config pointing at a copy of a spec in stacks/, and the built-in providers.
/// </summary>
/// <remarks>
/// A lab's host names derive from its stack name and its routes from its CIDRs, so a test lab never takes the
/// checkout's: the stack is <c>t&lt;run&gt;-&lt;stack&gt;</c> (<see cref="StackName"/>) and the spec's copy moves every
/// lab CIDR to a test range (<see cref="TestRanges"/>). The README's first command (lab-01 from the checkout) and
/// the test suite then coexist on one machine.
/// </remarks>
internal sealed partial class LabProject : IAsyncDisposable
{
    public const string Passphrase = "lab-test-passphrase";

    /// <summary>This test run's prefix of stack names, random per run: "t" and 6 hex digits.</summary>
    public static string RunId { get; } = "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    private LabProject(string stack, string directory)
    {
        Stack = stack;
        Directory = directory;
    }

    public string Stack { get; }

    // Stacks a test made in this project beside Stack (a blue/green colour, an endpoint): destroyed first on dispose.
    private readonly List<string> companions = [];

    public string Directory { get; }

    public string OutDirectory => Path.Combine(Directory, "out", Stack);

    /// <summary>The test run's stack for <paramref name="stack"/>: <c>t1a2b3c-lab-01</c>, never a stack of the checkout.</summary>
    public static string StackName(string stack) => $"{RunId}-{stack}";

    /// <summary>
    /// <paramref name="text"/> with the checkout's lab ranges moved to the tests' ranges: underlays 10.250.N → 10.254.N,
    /// planes 10.1NN → 10.2NN (lab-01's 10.250.1.0/24 and 10.101-103, dev's 10.250.2.0/24 and 10.111-113).
    /// </summary>
    public static string TestRanges(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var underlays = UnderlayRange().Replace(text, m => $"10.254.{m.Groups[1].Value}.");
        return PlaneRange().Replace(underlays, m => $"10.{200 + int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)}.");
    }

    /// <summary>A project for <paramref name="stack"/> (made unique to this test run) on a test-range copy of <paramref name="specFile"/>.</summary>
    public static LabProject Create(string stack, string specFile, string acceptanceRun = "1")
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("kubedos-lab-").FullName;
        var project = new LabProject(StackName(stack), directory);
        var source = RepositoryFile(Path.Combine("stacks", specFile));
        var copy = Path.Combine(directory, Path.GetFileName(source));
        File.WriteAllText(copy, TestRanges(File.ReadAllText(source)));

        // The spec's image lock goes with it (a spec written by a test takes lab-01's: every stack's lock declares one
        // set); its nodes run the image the checkout built for lab-01, which serves them all (TestImageManifest).
        File.Copy(LockFor(source), NodeImagePackages.LockPath(copy));

        specFile = copy;
        File.WriteAllText(Path.Combine(directory, "Pulumi.yaml"), "name: kubedos\nruntime: dotnet\nbackend:\n  url: file://.kubedos\n");
        project.WriteConfig(specFile, acceptanceRun);
        project.InitOfflineRoot(specFile);
        return project;
    }

    /// <summary>
    /// A project on <paramref name="specFile"/> cut down to the stages through enrollment (substrate, first boot, planes,
    /// enrollment, then acceptance and the seal): converge, observability and Kubernetes off, their gates no longer required
    /// (<see cref="ThroughEnrollment"/>). For tests about what those stages build, at about half the time of a whole up.
    /// </summary>
    public static LabProject CreateThroughEnrollment(string stack, string specFile)
    {
        var project = Create(stack, specFile);
        project.EditSpec(Path.GetFileName(specFile), ThroughEnrollment);
        return project;
    }

    /// <summary><paramref name="yaml"/> with converge, observability and Kubernetes off and their gates no longer required.</summary>
    public static string ThroughEnrollment(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var off = StageEnabled().Replace(yaml, m => m.Groups[1].Value + "false");
        return StageGate().Replace(off, string.Empty);
    }

    public static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kubedos.slnx")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new InvalidOperationException("the repository root (Kubedos.slnx) is not above the test binaries");
    }

    /// <summary>
    /// The node image test labs run (<c>nodeRoot: image</c>): the one the checkout's lab-01 was built with
    /// (<c>kubedos image build --stack lab-01</c>, which <c>scripts/lab-up</c> and <c>scripts/test</c> run first).
    /// </summary>
    public static string TestImageManifest => RepositoryFile(Path.Combine("out", "lab-01", "manifests", "artifact-manifest.json"));

    /// <summary>The image lock beside <paramref name="spec"/>, else the checkout's lab-01 lock (the same declared set).</summary>
    public static string LockFor(string spec) =>
        File.Exists(NodeImagePackages.LockPath(spec)) ? NodeImagePackages.LockPath(spec) : RepositoryFile(Path.Combine("stacks", "lab-01.locks.json"));

    /// <summary>The argv prefix that runs kubedos-agent on this project's nodes: the image's own, or the shipped one on the host's files.</summary>
    public IReadOnlyList<string> AgentCommand =>
        System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Any(f => File.ReadAllText(f).Contains("nodeRoot: image", StringComparison.Ordinal))
            ? [AgentImagePayload.Program]
            : EnrollmentSite.ShippedAgentCommand;

    /// <summary>The kubedos CLI as built beside these tests (whatever the configuration: CI builds Release).</summary>
    public static string Cli => Path.Combine(AppContext.BaseDirectory, "kubedos.dll");

    /// <summary>Writes the stack's config; later calls change only the acceptance run, keeping what else is there (salt, PKI).</summary>
    public void WriteConfig(string specFile, string acceptanceRun)
    {
        var path = Path.Combine(Directory, $"Pulumi.{Stack}.yaml");
        if (File.Exists(path))
        {
            File.WriteAllLines(path, File.ReadAllLines(path).Select(l =>
                l.StartsWith("  kubedos:acceptanceRun:", StringComparison.Ordinal) ? $"  kubedos:acceptanceRun: \"{acceptanceRun}\"" : l));
            return;
        }

        File.WriteAllText(path,
            $"config:\n  kubedos:spec: {specFile}\n  kubedos:outDir: {Path.Combine(Directory, "out")}\n  kubedos:acceptanceRun: \"{acceptanceRun}\"\n"
            + $"  kubedos:ansibleDirectory: {RepositoryFile("ansible")}\n"
            + $"  kubedos:imageManifest: {TestImageManifest}\n");
    }

    /// <summary>
    /// The second colour of a blue/green pair, derived as the README says: this stack's file copied (its secrets and salt kept,
    /// the per-run keys dropped) naming a copy of <paramref name="specFile"/> with its ranges moved by <paramref name="moveRanges"/>.
    /// Returns the new stack's name (<see cref="StackName"/> of <paramref name="colour"/>), destroyed with the project.
    /// </summary>
    public string DeriveColour(string colour, string specFile, Func<string, string> moveRanges)
    {
        ArgumentNullException.ThrowIfNull(moveRanges);
        var stack = StackName(colour);
        var spec = Path.Combine(Directory, $"{colour}.yaml");
        File.WriteAllText(spec, moveRanges(File.ReadAllText(Path.Combine(Directory, specFile))));
        File.Copy(LockFor(Path.Combine(Directory, specFile)), NodeImagePackages.LockPath(spec), overwrite: true);
        File.WriteAllLines(Path.Combine(Directory, $"Pulumi.{stack}.yaml"), File.ReadAllLines(Path.Combine(Directory, $"Pulumi.{Stack}.yaml"))
            .Where(l => !PerRunKey().IsMatch(l))
            .Select(l => l.StartsWith("  kubedos:spec:", StringComparison.Ordinal) ? $"  kubedos:spec: {spec}" : l));
        companions.Add(stack);
        return stack;
    }

    /// <summary>Records a stack a test makes in this project (say a blue/green endpoint), so disposing the project destroys it.</summary>
    public void AddCompanion(string stack) => companions.Add(stack);

    /// <summary>Rewrites the project's (test-range) copy of its spec, e.g. to enable a stage the repository's stack leaves off.</summary>
    public void EditSpec(string specFile, Func<string, string> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var copy = Path.Combine(Directory, specFile);
        File.WriteAllText(copy, edit(File.ReadAllText(copy)));
    }

    /// <summary>The project's own copy of the repository's <c>ansible/</c> (so a test can change a role), which the stack then converges.</summary>
    public string UseAnsibleCopy()
    {
        var source = RepositoryFile("ansible");
        var copy = Path.Combine(Directory, "ansible");
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var path = Path.Combine(Directory, $"Pulumi.{Stack}.yaml");
        File.WriteAllLines(path, File.ReadAllLines(path).Select(l =>
            l.StartsWith("  kubedos:ansibleDirectory:", StringComparison.Ordinal) ? $"  kubedos:ansibleDirectory: {copy}" : l));
        return copy;
    }

    /// <summary>What an operator does once: an offline root and cluster intermediate outside the project, handed to the stack.</summary>
    private void InitOfflineRoot(string specFile)
    {
        var pki = Directory + "-pki";
        var cluster = ClusterName().Match(File.ReadAllText(specFile)) is { Success: true } name ? name.Groups[1].Value : Stack;
        Run("pki", "init-offline-root", "--out", pki, "--cluster", cluster);
        Run("config", "set", "--stack", Stack, "kubedos:pki.rootCert", Path.Combine(pki, "root-ca.pem"));
        Run("config", "set", "--stack", Stack, "kubedos:pki.intermediateCert", Path.Combine(pki, "intermediate-ca.pem"));
        Run("config", "set", "--stack", Stack, "--secret", "kubedos:pki.intermediateKey", File.ReadAllText(Path.Combine(pki, "intermediate-ca.key")));

        // The recovery bundle's signing key, made and handed over the same way (components/Seal).
        var signing = Directory + "-signing";
        Run("pki", "init-signing-key", "--out", signing);
        SigningPublicKey = Path.Combine(signing, "signing-key.pub.pem");
        Run("config", "set", "--stack", Stack, "kubedos:seal.signingKeyPin", Kubedos.Seal.Attestation.VerificationKey.FromPem(File.ReadAllText(SigningPublicKey)).KeyId);
        Run("config", "set", "--stack", Stack, "--secret", "kubedos:seal.signingKey", File.ReadAllText(Path.Combine(signing, "signing-key.pem")));
    }

    /// <summary>The public key that verifies this project's recovery bundles (kept outside the project, beside the offline root).</summary>
    public string SigningPublicKey { get; private set; } = string.Empty;

    private void Run(params string[] arguments)
    {
        var (exitCode, output) = RunCli(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"kubedos {string.Join(' ', arguments.Take(3))} exited {exitCode}: {output}");
        }
    }

    /// <summary>Runs the kubedos CLI in the project (as an operator would) and returns its exit code and everything it printed.</summary>
    public (int ExitCode, string Output) RunCli(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Cli, .. arguments]) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["KUBEDOS_CONFIG_PASSPHRASE"] = Passphrase;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public Workspace Workspace() => Kubedos.Engine.Automation.Workspace.Create(new WorkspaceOptions
    {
        WorkDir = Directory,
        Providers = ProviderRegistry.Of(
            LocalProvider.Create(),
            WireGuardProvider.Create(TimeProvider.System),
            TlsProvider.Create(TimeProvider.System),
            CommandProvider.Create(),
            RandomProvider.Create(),
            KubernetesProvider.Create(),
            AnsibleProvider.Create()),
        Program = KubedosProgram.Create(),
        Environment = name => name == "KUBEDOS_CONFIG_PASSPHRASE" ? Passphrase : null,
    });

    public async Task<WorkspaceStack> StackAsync() => await Workspace().CreateOrSelectStackAsync(Stack);

    public async Task<(UpdateResult Result, TimeSpan Wall)> UpAsync()
    {
        var watch = Stopwatch.StartNew();
        var result = await (await StackAsync()).UpAsync();
        return (result, watch.Elapsed);
    }

    public async Task<TimeSpan> DestroyAsync()
    {
        var watch = Stopwatch.StartNew();
        await (await StackAsync()).DestroyAsync();
        return watch.Elapsed;
    }

    /// <summary>What <c>scripts/lab/lab-status.sh</c> lists for the stack (empty when nothing is left).</summary>
    public async Task<string> LeftoversAsync()
    {
        var start = new ProcessStartInfo("bash", [RepositoryFile("scripts/lab/lab-status.sh"), Stack]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var state = Path.Combine(LabOptions.DefaultLabRoot, Stack);
        var operatorLink = $"kdw{LabNames.For(Stack).StackHash}";
        var socket = $"/var/run/wireguard/{operatorLink}.sock";
        using var link = Process.Start(new ProcessStartInfo("ip", ["link", "show", "dev", operatorLink]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await link.WaitForExitAsync();
        return output
            + (System.IO.Directory.Exists(state) ? $"state directory {state}\n" : string.Empty)
            + (link.ExitCode == 0 ? $"operator link {operatorLink}\n" : string.Empty)
            + (File.Exists(socket) ? $"wireguard socket {socket}\n" : string.Empty);
    }

    /// <summary>True when the stack's node runs and has the interface (wg1 appears once PlaneSet is under way).</summary>
    public async Task<bool> NodeHasAsync(string node, string interfaceName)
    {
        var found = await new LocalLab().FindNodeAsync(Stack, node, CancellationToken.None);
        return found is not null && (await found.ExecAsync(new NodeInvocation(["ip", "link", "show", interfaceName]), CancellationToken.None)).Succeeded;
    }

    /// <summary>The project's copy of <paramref name="specFile"/>, validated (the test fails otherwise) and normalised.</summary>
    public NormalisedCluster Cluster(string specFile)
    {
        var loaded = SpecValidator.ValidateFile(Path.Combine(Directory, specFile));
        return loaded.Succeeded ? SpecNormaliser.Normalise(loaded.Document!) : throw new InvalidOperationException(string.Join('\n', loaded.Diagnostics));
    }

    /// <summary>Every peer of every plane on every node of <paramref name="cluster"/>, as wg reads it from each node's own daemons.</summary>
    public async Task<HashSet<string>> LivePeersAsync(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var peers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in cluster.Nodes)
        {
            var text = await NodeOutputAsync(node.Name, "wg", "show", "all", "peers");
            peers.UnionWith(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).Where(p => p.Length == 2).Select(p => p[1].Trim()));
        }

        return peers;
    }

    /// <summary>What <paramref name="argv"/> prints inside the stack's running <paramref name="node"/> (its namespaces, its /run); fails the test otherwise.</summary>
    public async Task<string> NodeOutputAsync(string node, params string[] argv)
    {
        var found = await new LocalLab().FindNodeAsync(Stack, node, CancellationToken.None) ?? throw new InvalidOperationException($"node {node} of {Stack} is not running");
        var result = await found.ExecAsync(new NodeInvocation(argv), CancellationToken.None);
        return result.ExitCode == 0 ? result.Stdout : throw new InvalidOperationException($"{string.Join(' ', argv)} on {node} exited {result.ExitCode}: {result.Stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        // A failed test must not leave a lab behind for the next one.
        try
        {
            foreach (var companion in Enumerable.Reverse(companions))
            {
                if ((await Workspace().ListStacksAsync()).Contains(companion, StringComparer.Ordinal))
                {
                    await (await Workspace().SelectStackAsync(companion)).DestroyAsync();
                }
            }

            await DestroyAsync();
        }
        catch (UpdateFailedException)
        {
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            foreach (var beside in new[] { Directory + "-pki", Directory + "-signing" })
            {
                if (System.IO.Directory.Exists(beside))
                {
                    System.IO.Directory.Delete(beside, recursive: true);
                }
            }
        }
    }

    [GeneratedRegex(@"\b10\.250\.(\d{1,3})\.", RegexOptions.CultureInvariant)]
    private static partial Regex UnderlayRange();

    [GeneratedRegex(@"\b10\.1(\d\d)\.", RegexOptions.CultureInvariant)]
    private static partial Regex PlaneRange();

    [GeneratedRegex(@"^([ \t]*(?:ansible|observability|kubernetes):[ \t]*\n[ \t]+enabled:[ \t]*)true\b", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex StageEnabled();

    [GeneratedRegex(@"^[ \t]+- (?:observability-stack|etcd-quorum)[ \t]*\n", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex StageGate();

    [GeneratedRegex(@"^  kubedos:(etcdRestoreSnapshot|etcdSnapshotRun|acceptanceRun):", RegexOptions.CultureInvariant)]
    private static partial Regex PerRunKey();

    [GeneratedRegex(@"^metadata:\s*\n\s+name:\s*(\S+)", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex ClusterName();
}
