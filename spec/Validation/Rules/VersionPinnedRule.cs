using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Versions are pinned: an exact version or a digest, judged by <see cref="PinnedVersion"/> as the policy pack judges them.</summary>
internal sealed class VersionPinnedRule : ISpecRule
{
    public string Id => "version-pinned";

    public string Summary => "Versions are exact (1.30.4, v1.30.4, 2.40.1-1ubuntu1) or a digest (sha256:...), the judgement pinned-payloads makes; never latest, ranges or an open patch (v1.30.x: this build has no lock step to resolve it). Enabled Kubernetes needs a version.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var spec = document.Spec;
        if (spec.Kubernetes.Enabled && spec.Kubernetes.Version is null)
        {
            yield return new SpecFinding("spec.kubernetes", "kubernetes is enabled but has no version; pin one such as v1.30.4");
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
            if (version is not null && PinnedVersion.Problem(version) is { } problem)
            {
                yield return new SpecFinding(path, $"version '{version}' {problem}: write an exact version (1.30.4) or a digest; this build has no lock step to resolve an open one");
            }
        }
    }
}
