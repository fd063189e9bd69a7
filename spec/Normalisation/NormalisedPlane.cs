using System.Net;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Normalisation;

/// <summary>A plane with its network parsed and its fixed addresses worked out.</summary>
internal sealed record NormalisedPlane(string Name, Ipv4Cidr Cidr, PlanePurpose Purpose, int ListenPort, IPAddress OperatorAddress);
