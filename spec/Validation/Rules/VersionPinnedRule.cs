using System.Text.RegularExpressions;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Versions are pinned or resolvable to a lock: an exact version, or one with only the patch open (v1.30.x).</summary>
internal sealed partial class VersionPinnedRule : ISpecRule
{
    public string Id => "version-pinned";

    public string Summary => "Versions are exact (1.30.4, v1.30.4) or patch-resolvable (v1.30.x); never latest, ranges or wildcards above patch. Enabled Kubernetes needs a version.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var spec = document.Spec;
        if (spec.Kubernetes.Enabled && spec.Kubernetes.Version is null)
        {
            yield return new SpecFinding("spec.kubernetes", "kubernetes is enabled but has no version; pin one such as v1.30.4 or v1.30.x");
        }

        var versions = new (string Path, string? Version)[]
        {
            ("spec.kubernetes.version", spec.Kubernetes.Version),
            ("spec.kubernetes.cni.version", spec.Kubernetes.Cni.Version),
            ("spec.orchestration.salt.version", spec.Orchestration.Salt.Version),
            ("spec.orchestration.ansible.version", spec.Orchestration.Ansible.Version),
            ("metadata.artifactVersion", document.Metadata.ArtifactVersion),
        };
        foreach (var (path, version) in versions)
        {
            if (version is not null && !Pinned().IsMatch(version))
            {
                yield return new SpecFinding(path, $"version '{version}' is not pinned: use an exact version (1.30.4) or leave only the patch open (v1.30.x)");
            }
        }
    }

    [GeneratedRegex(@"^v?\d+\.\d+\.(\d+|x)([-+][0-9A-Za-z.-]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pinned();
}
