using System.CommandLine;
using Kubedos.Components.Image;
using Kubedos.Engine.Automation;
using Kubedos.Image;
using Kubedos.Image.Build;
using Kubedos.Image.Lock;
using Kubedos.Image.Store;
using Kubedos.Spec.Model;
using Kubedos.Spec.Validation;

namespace Kubedos.Cli;

/// <summary>
/// <c>kubedos image lock|build --stack S</c>: the stack's node image (spec §8.3 gates 2 to 6). <c>lock</c> resolves the
/// declared package set against the mirror into <c>&lt;spec&gt;.locks.json</c> beside the stack's ClusterSpec; <c>build</c>
/// makes the rootfs tarball and the qcow2 from exactly that lock into <c>out/&lt;stack&gt;/artifacts/</c>, refusing a spec
/// whose declared set is not the locked one.
/// </summary>
internal static class ImageCommand
{
    public static Command Create(Option<string?> stackOption)
    {
        var mirror = new Option<string?>("--mirror") { Description = $"Debian mirror to resolve against (default {AptSource.Default.Mirror})" };
        var lockVerb = new Command("lock", "Resolve the image's declared packages to exact versions and SHA-256 (writes <spec>.locks.json)") { stackOption, mirror };
        lockVerb.SetAction((parse, ct) => LockAsync(parse.GetValue(stackOption), parse.GetValue(mirror), ct));

        var offline = new Option<bool>("--offline") { Description = "Build from the content store alone (no network)" };
        var store = new Option<string?>("--store") { Description = "Content store directory (default .kubedos/store, or KUBEDOS_STORE)" };
        var outDir = new Option<string?>("--out") { Description = "Output root (default out; the stack's files go to <out>/<stack>/)" };
        var build = new Command("build", "Build the stack's node image from its lock: rootfs tarball and qcow2, with the artifact manifest") { stackOption, offline, store, outDir };
        build.SetAction((parse, ct) => BuildAsync(parse.GetValue(stackOption), parse.GetValue(offline), parse.GetValue(store), parse.GetValue(outDir), ct));
        return new Command("image", "The stack's node image: lock, then build") { lockVerb, build };
    }

    private static async Task<int> LockAsync(string? stackName, string? mirror, CancellationToken cancellationToken)
    {
        if (!TryLoad("image lock", stackName, out var stack, out var specPath, out var document))
        {
            return ExitCodes.Usage;
        }

        var source = mirror is null ? AptSource.Default : AptSource.Default with { Mirror = mirror };
        var declared = NodeImagePackages.For(document!.Spec);
        try
        {
            var imageLock = await PackageResolver.ResolveAsync(source, declared, cancellationToken);
            var path = NodeImagePackages.LockPath(specPath!);
            await File.WriteAllTextAsync(path + ".tmp", imageLock.ToJson(), cancellationToken);
            File.Move(path + ".tmp", path, overwrite: true);
            Console.Out.WriteLine($"kubedos image lock: {path}: {declared.Names.Count} declared, {imageLock.Packages.Count} packages ({imageLock.Packages.Sum(p => p.Size) / 1048576} MiB) from {source.Mirror} {source.Suite} of {imageLock.Snapshot.Date:u}");
            return ExitCodes.Success;
        }
        catch (ImageBuildException e)
        {
            await Console.Error.WriteLineAsync($"kubedos image lock --stack {stack}: {e.Message}");
            return ExitCodes.OperationFailed;
        }
    }

    private static async Task<int> BuildAsync(string? stackName, bool offline, string? storeOption, string? outOption, CancellationToken cancellationToken)
    {
        if (!TryLoad("image build", stackName, out var stack, out var specPath, out var document))
        {
            return ExitCodes.Usage;
        }

        try
        {
            var imageLock = NodeImagePackages.CheckedLock(specPath!, NodeImagePackages.For(document!.Spec));
            var version = document.Metadata.ArtifactVersion
                ?? throw new ImageBuildException("check", $"{specPath}: metadata.artifactVersion is required to build an image (it names every artifact, spec §8.4)");
            var project = Directory.GetCurrentDirectory();
            var storeRoot = Path.GetFullPath(storeOption ?? Environment.GetEnvironmentVariable("KUBEDOS_STORE") ?? Path.Combine(project, ".kubedos", "store"));
            var outDirectory = Path.Combine(Path.GetFullPath(outOption ?? "out", project), stack!);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var phases = new List<BuildProgress>();
            var progress = new Kubedos.Image.Tools.InlineProgress<BuildProgress>(p =>
            {
                phases.Add(p);
                Console.Error.WriteLine($"  [{p.Elapsed:mm\\:ss}] {p.Phase,-10} {p.Detail}");
            });
            // The agent goes into the image self-contained (nodes need no .NET); publishing it is the build's first phase.
            var checkout = AgentImagePayload.CheckoutOfThisProgram()
                ?? throw new ImageBuildException("agent", $"no Kubedos checkout above {AppContext.BaseDirectory} ({AgentImagePayload.ProjectFile}): the image's agent is published from it");
            progress.Report(new BuildProgress("agent", $"dotnet publish {AgentImagePayload.ProjectFile} self-contained for linux-x64", TimeSpan.Zero));
            var agent = await AgentImagePayload.PublishAsync(checkout, cancellationToken);
            var request = new ImageBuildRequest(stack!, version, imageLock, [.. NodeImagePackages.Baseline(), .. agent], outDirectory, storeRoot, offline);
            ImageBuildResult result;
            try
            {
                result = await new ImageBuilder(http, progress).BuildAsync(request, cancellationToken);
            }
            catch (Exception e) when (e is ImageBuildException or DigestMismatchException)
            {
                await ImageBuildLog.RecordAsync(outDirectory, request, phases, null, e.Message, cancellationToken);
                throw;
            }

            var head = await ImageBuildLog.RecordAsync(outDirectory, request, phases, result, null, cancellationToken);
            Console.Out.WriteLine(result.CacheHit
                ? $"kubedos image build: nothing changed since the last build (build key {result.Manifest.BuildKey[..12]}); {result.ManifestPath}"
                : $"kubedos image build: {result.Manifest.Outputs.Count} artifacts, {result.Downloaded} packages downloaded; {result.ManifestPath}");
            foreach (var output in result.Manifest.Outputs)
            {
                Console.Out.WriteLine($"  {output.Name}  {output.Size / 1048576} MiB  sha256:{output.Sha256}");
            }

            Console.Out.WriteLine($"  build log {ImageBuildLog.PathIn(outDirectory)} head {head} (kubedos audit verify FILE --head HEAD)");

            return ExitCodes.Success;
        }
        catch (Exception e) when (e is ImageBuildException or LockFileException or DigestMismatchException)
        {
            await Console.Error.WriteLineAsync($"kubedos image build --stack {stack}: {e.Message}");
            return ExitCodes.OperationFailed;
        }
    }

    private static bool TryLoad(string verb, string? stackName, out string? stack, out string? specPath, out ClusterDocument? document)
    {
        stack = stackName ?? Environment.GetEnvironmentVariable("KUBEDOS_STACK");
        specPath = null;
        document = null;
        if (stack is null || StackNameRule.Problem(stack) is not null)
        {
            Console.Error.WriteLine($"kubedos {verb}: " + (stack is null ? "give --stack S (or set KUBEDOS_STACK)" : StackNameRule.Problem(stack)));
            return false;
        }

        specPath = StackSpecLocator.Locate(Directory.GetCurrentDirectory(), stack, out var error);
        if (specPath is null)
        {
            Console.Error.WriteLine($"kubedos {verb}: {error}");
            return false;
        }

        var loaded = SpecValidator.ValidateFile(specPath);
        if (!loaded.Succeeded)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                Console.Error.WriteLine($"kubedos {verb}: {diagnostic}");
            }

            return false;
        }

        document = loaded.Document!;
        return true;
    }
}
