using System.Text.RegularExpressions;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;

namespace Kubedos.Policies;

/// <summary><c>pinned-payloads</c>: every package, image and binary version the stack deploys is an exact version or a digest.</summary>
internal static partial class PinnedPayloadsPolicy
{
    public const string Id = "pinned-payloads";

    public static Policy Create() => new ResourceValidationPolicy(
        Id,
        "Every package, image and binary version the stack deploys is pinned to an exact version or digest; latest and ranges are violations.",
        EnforcementLevel.Mandatory,
        (args, report) => Validate(args.Resource, report))
    {
        Remediation = "Write the exact version (1.31.2, v0.4.1) or an image digest (name@sha256:...) instead of latest, a bare name or a range (^1.2, ~1, >=1, 1.x, *).",
    };

    /// <summary>Why <paramref name="version"/> is not pinned, or null when it is.</summary>
    public static string? VersionProblem(string version) =>
        Digest().IsMatch(version) || Exact().IsMatch(version) ? null
        : version.Length == 0 ? "is empty"
        : string.Equals(version, "latest", StringComparison.OrdinalIgnoreCase) ? "is latest"
        : "is a range or a moving tag, not an exact version";

    /// <summary>Why <paramref name="image"/> is not pinned, or null when it is.</summary>
    public static string? ImageProblem(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return Digest().IsMatch(image[(at + 1)..]) ? null : "has a malformed digest";
        }

        var colon = image.LastIndexOf(':');
        return colon < 0 || colon < image.LastIndexOf('/') ? "has no tag (that means latest)" : VersionProblem(image[(colon + 1)..]);
    }

    private static void Validate(PolicyResource resource, PolicyReport report)
    {
        if (resource.Type == PolicyContract.SpecFactType)
        {
            if (PolicyValues.String(resource.Inputs, "path") is { } path && path.EndsWith(".version", StringComparison.Ordinal)
                && PolicyValues.String(resource.Inputs, "value") is { } version && VersionProblem(version) is { } problem)
            {
                report.Violation($"{path} '{version}' {problem}");
            }

            return;
        }

        foreach (var (path, problem) in Scan(resource.Inputs, string.Empty))
        {
            report.Violation($"input {path} {problem}");
        }
    }

    private static IEnumerable<(string Path, string Problem)> Scan(PropertyMap inputs, string prefix)
    {
        foreach (var (key, raw) in inputs)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var value = raw.Unwrapped;
            switch (key)
            {
                case "version" or "chartVersion" when PolicyValues.AsString(value) is { } v && VersionProblem(v) is { } p:
                    yield return (path, $"'{v}' {p}");
                    break;
                case "image" when PolicyValues.AsString(value) is { } i && ImageProblem(i) is { } p:
                    yield return (path, $"'{i}' {p}");
                    break;
                case "images":
                    foreach (var i in PolicyValues.Strings(value).Where(i => ImageProblem(i) is not null))
                    {
                        yield return (path, $"'{i}' {ImageProblem(i)}");
                    }

                    break;
                case "packages":
                    foreach (var problem in Packages(value))
                    {
                        yield return (path, problem);
                    }

                    break;
                default:
                    if (PolicyValues.AsObject(value) is { } nested)
                    {
                        foreach (var found in Scan(nested, path))
                        {
                            yield return found;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Packages as <c>name=version</c> (apt) or <c>{name, version}</c>.</summary>
    private static IEnumerable<string> Packages(PropertyValue value)
    {
        foreach (var item in PolicyValues.AsArray(value))
        {
            var (name, version) = PolicyValues.AsObject(item) is { } o
                ? (PolicyValues.String(o, "name") ?? "?", PolicyValues.String(o, "version"))
                : PolicyValues.AsString(item) is { } s
                    ? (s.Split('=', 2)[0], s.Contains('=', StringComparison.Ordinal) ? s.Split('=', 2)[1] : null)
                    : ("?", null);
            if (version is null)
            {
                yield return $"package {name} has no version (write {name}=<exact version>)";
            }
            else if (VersionProblem(version) is { } p)
            {
                yield return $"package {name} version '{version}' {p}";
            }
        }
    }

    [GeneratedRegex(@"^sha(256:[0-9a-f]{64}|512:[0-9a-f]{128})\z")]
    private static partial Regex Digest();

    // An exact version: digits with dots, an optional v, and an optional pre-release/build/distro suffix (1.31.2, v0.4.1, 2.40.1-1ubuntu1, 1:9.6p1-3).
    [GeneratedRegex(@"^(\d+:)?v?\d+(\.\d+)+([-+~A-Za-z][0-9A-Za-z.+~-]*)?\z")]
    private static partial Regex Exact();
}
