using Kubedos.Engine.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Planes;

/// <summary>
/// A plane as the stack builds it (<c>kubedos:planes:Plane</c>: name and CIDR), recorded so the
/// policy pack judges the networks the run creates, not only what the spec says.
/// </summary>
internal sealed class PlaneRecord : ComponentResource
{
    public const string TypeToken = Policies.PolicyContract.PlaneType;

    public PlaneRecord(NormalisedPlane plane, ResourceOptions? options = null)
        : base(TypeToken, plane.Name, new PlaneRecordArgs { Name = plane.Name, Cidr = plane.Cidr.ToString() }, options)
    {
        RegisterOutputs();
    }
}
