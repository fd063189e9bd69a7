using Kubedos.Spec.Model;

namespace Kubedos.Spec.Normalisation;

/// <summary>Trust bootstrap, enrollment, SSH policy and rotation, as the stages consume them.</summary>
/// <param name="Bootstrap">How trust in the cluster CA is established.</param>
/// <param name="Enrollment">How nodes are admitted.</param>
/// <param name="Ssh">SSH policy, with the operator user chosen.</param>
/// <param name="Rotation">Key and certificate lifetimes in days (defaults applied).</param>
internal sealed record NormalisedSecurity(BootstrapSpec Bootstrap, EnrollmentSpec Enrollment, NormalisedSsh Ssh, RotationSpec Rotation);
