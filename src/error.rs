//! The one Alibaba error type.
//!
//! Every error the mock answers on the API port is an [`ApiError`], and every code it knows is
//! one row of the table below: code, HTTP status and message together, copied from Alibaba's
//! public API documentation and error centre (docs/reference.md lists the pages), misspellings
//! included (`Forbbiden`, `Deined`, `bean used`, `coping`, `paramter`). Rows whose message
//! names a value are templates with typed fields. Injected faults take their default status
//! and message from the same table ([`ApiError::known`]). The envelope
//! (`protocol::envelope`) is the only place that turns an error into bytes.
//!
//! Where a reference marks a status or message as unconfirmed, the choice made here is
//! commented, so it can be changed in this one file.
//!
//! Scenario and fixture files have their own error type (`scenario::ScenarioError`), with
//! file, line and column; those are never Alibaba errors.

use std::borrow::Cow;
use std::fmt;

/// Declares [`ApiError`] from one table: fixed rows (`Name => (status, code, message)`) and
/// template rows (`Name(field: Type) => (status, code, "message with {field}")`). Every
/// accessor is generated from the table, so a row cannot lack a status or a message.
macro_rules! api_errors {
    (
        fixed { $( $(#[$m:meta])* $name:ident => ($status:literal, $code:literal, $msg:literal), )* }
        templated { $( $(#[$tm:meta])* $tname:ident ( $($arg:ident : $ty:ty),+ ) => ($tstatus:literal, $tcode:literal, $tmsg:literal), )* }
    ) => {
        /// An error answered to an API client in Alibaba's error envelope.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum ApiError {
            $( $(#[$m])* $name, )*
            $( $(#[$tm])* $tname($($ty),+), )*
            /// Any other code: injected faults, stubs and rare codes.
            Custom { code: String, message: String, status: u16 },
        }

        /// (code, status, message) of every fixed row, for [`ApiError::known`].
        const FIXED: &[(&str, u16, &str)] = &[ $( ($code, $status, $msg), )* ];

        impl ApiError {
            /// The Alibaba error code.
            pub fn code(&self) -> &str {
                match self {
                    $( ApiError::$name => $code, )*
                    $( ApiError::$tname(..) => $tcode, )*
                    ApiError::Custom { code, .. } => code,
                }
            }

            /// The HTTP status the real service answers with.
            pub fn status(&self) -> u16 {
                match self {
                    $( ApiError::$name => $status, )*
                    $( ApiError::$tname(..) => $tstatus, )*
                    ApiError::Custom { status, .. } => *status,
                }
            }

            /// The message, exactly as the real service words it.
            pub fn message(&self) -> Cow<'_, str> {
                match self {
                    $( ApiError::$name => Cow::Borrowed($msg), )*
                    $( ApiError::$tname($($arg),+) => Cow::Owned(format!($tmsg)), )*
                    ApiError::Custom { message, .. } => Cow::Borrowed(message),
                }
            }
        }
    };
}

api_errors! {
fixed {
    // ---- gateway: routing and authentication (docs/sources.md#wire-protocol, docs/sources.md#ecs-common-errors) ----
    /// Unknown action, unknown version, wrong path or method.
    InvalidActionNotFound => (404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."),
    InvalidAccessKeyIdNotFound => (404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
    /// Missing or malformed signature parts.
    IncompleteSignature => (400, "IncompleteSignature", "The request signature does not conform to Aliyun standards."),
    InvalidTimeStampExpired => (400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."),
    /// Status "likely; not confirmed".
    InvalidTimeStampFormat => (400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."),
    /// RPC request without a Timestamp (older gateways' code for it).
    IllegalTimestamp => (400, "IllegalTimestamp", "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied."),
    SignatureNonceUsed => (400, "SignatureNonceUsed", "Specified signature nonce was used already."),
    /// Code from the common list; message inferred.
    InvalidSignatureMethod => (400, "InvalidSignatureMethod", "Specified signature method is not supported."),
    /// Code from the common list (legacy body params carry Content-MD5); message inferred.
    ContentMd5NotMatched => (400, "ContentMD5NotMatched", "Specified content md5 is not matched with your request body."),
    /// STS codes from the common list (§8, §9); statuses "400/403 not confirmed": 400 chosen;
    /// messages inferred.
    InvalidSecurityTokenMismatchWithAccessKey => (400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey."),
    InvalidSecurityTokenExpired => (400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."),
    InvalidSecurityTokenMalformed => (400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed."),
    MissingSecurityToken => (400, "MissingSecurityToken", "SecurityToken is mandatory for this request."),
    InvalidRegionIdNotFound => (404, "InvalidRegionId.NotFound", "The specified RegionId does not exist."),
    /// A successful DryRun is reported as this error (docs/sources.md#ecs-common-errors).
    DryRunOperation => (400, "DryRunOperation", "Request validation has been passed with DryRun flag set."),

    // ---- ECS DescribeRegions (docs/sources.md#ecs-describeregions) ----
    InvalidAcceptLanguageNotFound => (404, "InvalidAcceptLanguage.NotFound", "Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed."),
    InvalidResourceTypeNotFound => (404, "InvalidResourceType.NotFound", "The ResourceType provided does not exist in our records."),
    InvalidInstanceChargeType => (403, "Invalid.InstanceChargeType", "The specified instanceChargeType is not valid."),

    // ---- ECS images, shared by several actions (docs/sources.md#ecs-describeimages) ----
    InvalidImageIdNotFound => (404, "InvalidImageId.NotFound", "The specified ImageId does not exist."),
    /// CreateImage/ModifyImageAttribute wording.
    InvalidImageNameMalformed => (400, "InvalidImageName.Malformed", "The specified Image name is wrongly formed."),
    InvalidImageNameDuplicated => (400, "InvalidImageName.Duplicated", "The specified Image name has already bean used."),
    InvalidDescriptionMalformed => (400, "InvalidDescription.Malformed", "The specified description is wrongly formed."),
    InvalidTagKeyMalformed => (400, "InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid."),
    InvalidTagValueMalformed => (400, "InvalidTagValue.Malformed", "The specified Tag.n.Value is not valid."),
    DuplicateTagKey => (400, "Duplicate.TagKey", "The Tag.N.Key contain duplicate key."),
    /// 2024 wording (CreateImage, CopyImage).
    QuotaExceedImage => (403, "QuotaExceed.Image", "The Image Quota exceeds."),

    // ---- ModifyImageSharePermission (docs/sources.md#ecs-modifyimagesharepermission) ----
    InvalidAccountForbbiden => (404, "InvalidAccount.Forbbiden", "The specified Account does not yourself."),
    QuotaExceedShareImageUser => (403, "QuotaExceed.ShareImageUser", "The shared Image user Quota exceeds."),
    OperationDeniedInvalidImageStatus => (403, "OperationDenied.InvalidImageStatus", "The specified image cannot be shared when it is deprecated."),
    /// Sharing an image that is not Available: legacy CN doc only.
    IncorrectImageStatusShare => (400, "IncorrectImageStatus", "The image is not available."),
    AssumeRoleError => (403, "AssumeRoleError", "Requires a RAM role of AliyunECSShareEncryptImageDefaultRole before sharing encrypted image."),
    ServiceKeyEncryptedImageUnsupported => (403, "InvalidOperation.ServiceKeyEncryptedImageUnsupported", "The specified service key encrypted image is not supported for this operation. Please switch to a CMK (Customer Master Key) encrypted image and retry."),
    OperationDeinedFullImage => (403, "OperationDeined.FullImage", "The encrypted image contains multiple snapshots, which do not support share."),
    /// Encrypted image where encrypted sharing is not supported (region outside the six,
    /// or publishing as a community image): "partly inferred" (§5).
    OperationDeinedEncryptedSnapshot => (403, "OperationDeined.EncryptedSnapshot", "The image contains encrypted snapshots, which do not support share."),
    PublicImageAgreementNotSigned => (403, "PublicImageAgreement.NotSigned", "The current account has not signed \"Community Image Terms of Service\"."),
    /// IsPublic together with AddAccount/RemoveAccount (inferred "when").
    InvalidParameterIsPublic => (403, "InvalidParameter.IsPublic", "The specified parameter IsPublic is conflicted with other parameters."),
    /// Publishing an image that already is a community image (inferred "when").
    ImagePublic => (403, "Image.Public", "The specified image is public image."),
    ImageNotPublic => (403, "Image.NotPublic", "The specified image is not public image."),
    UnnecessaryParameterLaunchPermission => (400, "UnnecessaryParameter.LaunchPermission", "The specified parameter \"LaunchPermission\" is unnecessary if paramter \"AddAccounts\" or \"RemoveAccounts\" exist."),
    /// LaunchPermission is an invitational preview no mock account is enrolled in.
    ForbiddenParameterLaunchPermission => (400, "ForbiddenParameter.LaunchPermission", "The specified parameter \"LaunchPermission\" is forbidden for current account."),

    // ---- DescribeImages (docs/sources.md#ecs-describeimages) ----
    InvalidImageOwnerAliasValueNotSupported => (400, "InvalidImageOwnerAlias.ValueNotSupported", "The specified ImageOwnerAlias value is not supported."),
    /// Sic. Used here for a bad Status value.
    InvalidParamter => (400, "InvalidParamter", "Invalid Parameter."),
    /// DescribeImageSupportInstanceTypes' wording (no full stop).
    InvalidParamterSupport => (400, "InvalidParamter", "Invalid Parameter"),
    InvalidTagMismatch => (400, "InvalidTag.Mismatch", "The specified Tag.n.Key and Tag.n.Value are not match."),
    InvalidTagCount => (400, "InvalidTagCount", "The specified tags are beyond the permitted range."),
    InvalidFilterValueNetworkType => (400, "InvalidFilterValue.NetworkType", "The specified networkType value in the Filter is invalid."),
    InvalidOperationImageOwnerIdUnsupported => (400, "InvalidOperation.ImageOwnerIdUnsupported", "The parameter \"ImageOwnerId\" is not supported in this context, it is only valid when querying shared images or community images."),
    InvalidImageOwnerAliasPublicImageUnsupported => (400, "InvalidImageOwnerAlias.PublicImageUnsupported", "When querying images, the parameter ImageOwnerAlias should be others while specified parameter IsPublic is true."),
    InvalidFilterKeyNotFound => (404, "InvalidFilterKey.NotFound", "The specified Filter Key is not found."),
    InvalidFilterValue => (404, "InvalidFilterValue", "The specified Filter Value is not valid."),
    InvalidUsage => (404, "InvalidUsage", "The specified Usage is not valid."),
    InvalidOSType => (404, "InvalidOSType", "The specified OSType is not valid."),
    InvalidArchitecture => (404, "InvalidArchitecture", "The specified Architecture is not valid."),

    // ---- DeleteImage (docs/sources.md#ecs-deleteimage, 2025 wording) ----
    ImageUsingByInstance => (403, "ImageUsingByInstance", "The specified image has been used to create instances. You can use the DescribeInstances API to query these instances, or you can use the force parameter to proceed."),
    ImageUseSharedDelete => (403, "ImageUseShared", "The specified image has been shared to others. You can use the DescribeImageSharePermission API to query the users who have been shared."),
    OperationDeniedImageCopying => (403, "OperationDenied.ImageCopying", "The image is being copied. Please use the CancelCopyImage API."),
    ImageIsPublic => (403, "ImageIsPublic", "You can not delete public image, please modify it to private."),

    // ---- CreateImage (docs/sources.md#ecs-createimage) ----
    MissingImageSource => (400, "MissingParameter", "The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing this request is not supplied."),
    InvalidSnapshotIdNotFound => (404, "InvalidSnapshotId.NotFound", "The specified SnapshotId does not exist."),
    InvalidInstanceIdNotFound => (404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist."),
    /// StartInstance, StopInstance, RebootInstance, DeleteInstance on an instance in the wrong
    /// status (docs/sources.md#ecs-instances).
    IncorrectInstanceStatus => (403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation."),
    /// DeleteInstance on an instance still being created (docs/sources.md#ecs-instances).
    IncorrectInstanceStatusInitializing => (403, "IncorrectInstanceStatus.Initializing", "The specified instance status does not support this operation."),
    /// AttachKeyPair, DetachKeyPair and CreateInstance with a key pair the caller does not
    /// have in the region (docs/sources.md#ecs-attachkeypair).
    InvalidKeyPairNameNotFound => (400, "InvalidKeyPairName.NotFound", "The specified KeyPairName does not exist in our records."),
    /// RunInstances with an unknown key pair: its own status and wording
    /// (docs/sources.md#ecs-runinstances).
    InvalidKeyPairNameNotFoundRun => (404, "InvalidKeyPairName.NotFound", "The specified parameter \"KeyPairName\" does not exist in our records."),
    /// CreateSecurityGroup beyond 100 in the region (docs/sources.md#ecs-security-groups).
    QuotaExceedSecurityGroup => (403, "QuotaExceed.SecurityGroup", "The maximum number of security groups is reached."),
    InvalidSecurityGroupNameMalformed => (400, "InvalidSecurityGroupName.Malformed", "Specified security group name is not valid."),
    /// The code is spelled so in the source.
    InvalidSecurityGroupDiscriptionMalformed => (400, "InvalidSecurityGroupDiscription.Malformed", "Specified security group description is not valid."),
    /// A security group the caller does not have in the region (docs/sources.md#ecs-security-groups).
    InvalidSecurityGroupIdNotFound => (404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist."),
    InvalidIpProtocolValueNotSupported => (400, "InvalidIpProtocol.ValueNotSupported", "The parameter IpProtocol must be specified with case insensitive TCP, UDP, ICMP, GRE or All."),
    /// A PortRange that is not `start/end` (the source's code and wording).
    InvalidIpProtocolMalformed => (400, "InvalidIpProtocol.Malformed", "The specified parameter \"PortRange\" is not valid."),
    /// A PortRange the protocol does not take.
    OperationDeniedIpProtocolPortRange => (400, "OperationDenied", "The specified IpProtocol does not exist or IpProtocol and PortRange do not match."),
    MissingParameterSource => (400, "MissingParameter.Source", "Either SourceCidrIp or SourceGroupId must be specified."),
    InvalidSourceCidrIpMalformed => (400, "InvalidSourceCidrIp.Malformed", "The specified parameter \"SourceCidrIp\" is not valid."),
    InvalidDestCidrIpMalformed => (400, "InvalidDestCidrIp.Malformed", "The specified parameter DestCidrIp is not valid."),
    InvalidSourceGroupIdNotFound => (404, "InvalidSourceGroupId.NotFound", "The SourceGroupId provided does not exist in our records."),
    /// A rule naming its own group as the peer (the code is spelled so in the source).
    InvalidParamterConflictGroup => (403, "InvalidParamter.Conflict", "The specified SecurityGroupId should be different from the SourceGroupId."),
    InvalidPolicyMalformed => (400, "InvalidPolicy.Malformed", "The specified parameter \"Policy\" is not valid."),
    InvalidNicTypeValueNotSupported => (400, "InvalidNicType.ValueNotSupported", "The specified NicType does not exist."),
    InvalidPriorityValueNotSupported => (400, "InvalidPriority.ValueNotSupported", "The parameter Priority is invalid."),
    AuthorizationLimitExceed => (403, "AuthorizationLimitExceed", "The limit of authorization records in the security group reaches."),
    /// RunInstances/CreateInstance with a security group of another VPC than the vSwitch's
    /// (docs/sources.md#ecs-runinstances).
    InvalidParameterMismatchSecurityGroupVpc => (400, "InvalidParameter.Mismatch", "Specified security group and virtual switch are not in the same VPC."),
    /// DeleteVpc with security groups left (docs/sources.md#vpc).
    DependencyViolationSecurityGroup => (400, "DependencyViolation.SecurityGroup", "Specified object has dependent resources SecurityGroup."),
    /// AllocateEipAddress beyond the account's EIPs in the region (docs/sources.md#vpc-eips).
    QuotaExceededEip => (400, "QuotaExceeded.Eip", "Elastic IP address quota exceeded."),
    InvalidParameterBandwidth => (400, "InvalidParameter", "Specified value of \"Bandwidth\" is not valid."),
    InvalidParameterInternetChargeType => (400, "InvalidParameter", "Specified value of \"InternetChargeType\" is not valid"),
    /// An EIP the caller does not have in the region (docs/sources.md#vpc-eips).
    InvalidAllocationIdNotFound => (404, "InvalidAllocationId.NotFound", "Specified allocation ID is not found"),
    /// AssociateEipAddress on an EIP that is not Available: this call's wording has no stop.
    IncorrectEipStatusAssociate => (400, "IncorrectEipStatus", "Current elastic IP status does not support this operation"),
    /// UnassociateEipAddress and ReleaseEipAddress on an EIP in the wrong status.
    IncorrectEipStatus => (400, "IncorrectEipStatus", "Current elastic IP status does not support this operation."),
    /// AssociateEipAddress with an unknown instance: the code is spelled so in the source.
    InvalidInstanIdNotFound => (404, "InvalidInstanId.NotFound", "Specified instance does not exist."),
    OperationDeniedNotInVpc => (400, "OperationDenied", "Specified instance is not in VPC."),
    /// AssociateEipAddress with an instance neither Running nor Stopped (the EIP API's
    /// status and wording, not ECS's).
    IncorrectInstanceStatusEip => (400, "IncorrectInstanceStatus", "Current instance status does not support this operation."),
    InvalidAssociationDuplicated => (400, "InvalidAssociation.Duplicated", "Specified instance already is associated."),
    /// UnassociateEipAddress naming another instance than the EIP's.
    InvalidInstanceIdNotFoundEip => (400, "InvalidInstanceId.NotFound", "Specified instance does not exist."),
    InvalidInstanceTypeValueNotSupportedEip => (400, "InvalidInstanceType.ValueNotSupported", "The specified value of InstanceType is not supported."),
    /// RunInstances/CreateInstance in a zone the region does not have (their wording:
    /// docs/sources.md#ecs-runinstances).
    InvalidZoneIdNotFoundLaunch => (404, "InvalidZoneId.NotFound", "The specified zoneId does not exist."),
    /// RunInstances/CreateInstance with a ZoneId other than its vSwitch's
    /// (docs/sources.md#ecs-runinstances).
    InvalidParameterMismatchZone => (400, "InvalidParameter.Mismatch", "Specified virtual switch is not in the specified zone."),
    /// AddTags/RemoveTags on a resource the caller does not have in the region
    /// (docs/sources.md#ecs-tags).
    InvalidResourceIdNotFound => (404, "InvalidResourceId.NotFound", "The specified ResourceId is not found in our records."),
    // ---- ImportImage, ExportImage, tasks (docs/sources.md#ecs-tasks) ----
    InvalidDescriptionMalformedImport => (400, "InvalidDescription.Malformed", "The specified Image description is wrongly formed."),
    InvalidImageNameDuplicatedImport => (400, "InvalidImageName.Duplicated", "The destination image is exist."),
    ImageIsImporting => (403, "ImageIsImporting", "The specified Image is importing."),
    NoSetRoletoECSServiceAcount => (403, "NoSetRoletoECSServiceAcount", "ECS service account Have no right to access your OSS.please attach a role of access your oss to ECS service account."),
    MissingParameterDiskDeviceMapping => (403, "MissingParameter.DiskDeviceMapping", "The specified parameter DiskDeviceMapping is not supplied."),
    InvalidOSSObjectMalformed => (400, "InvalidOSSObject.Malformed", "The specified OSS object is wrongly formed."),
    InvalidImageFormatMalformed => (400, "InvalidImageFormat.Malformed", "The specified Image Format is wrongly formed."),
    /// The reference gives `%s`; the wording is *inferred*.
    InvalidImageSize => (400, "InvalidImageSize", "The specified DiskDeviceMapping.1.DiskImageSize is out of range."),
    InvalidDataDiskSize => (400, "InvalidDataDiskSize", "The specified DiskDeviceMapping.N.DiskImSize should be in the specified range."),
    InvalidOSTypeMalformed => (400, "InvalidOSType.Malformed", "The specified OSType is wrongly formed."),
    InvalidArchitectureMalformed => (400, "InvalidArchitecture.Malformed", "The specified Architecture is wrongly formed."),
    InvalidOSSPrefixMalformed => (400, "InvalidOSSPrefix.Malformed", "The specified OSSPrefix format is wrongly formed."),
    IncorrectImageStatusExport => (400, "IncorrectImageStatus", "The specified Image is not available."),
    ImageNotSupportedMarket => (403, "ImageNotSupported", "The specified image from the image market, do not support export image."),
    ImageNotSupportedEncrypted => (400, "ImageNotSupported", "The specified Image contains encrypted snapshots, do not support export."),
    /// The reference gives `%s`; the wording is *inferred*.
    InvalidImageDiskAmountOrSize => (400, "InvalidImage.DiskAmountOrSize", "The specified image contains more than four data disk snapshots."),
    ImageIsExporting => (403, "ImageIsExporting", "The specified Image is exporting."),
    InvalidTaskIdNotFound => (400, "InvalidTaskId.NotFound", "The specified \"TaskId\" is not found."),
    InvalidTaskIdIncorrectTaskStatus => (403, "InvalidTaskId.IncorrectTaskStatus", "The specified task status is invalid."),
    // ---- JoinResourceGroup and ResourceGroupId (docs/sources.md#ecs-resource-groups) ----
    InvalidResourceGroupNotFound => (404, "InvalidResourceGroup.NotFound", "The ResourceGroup provided does not exist in our records."),
    InvalidResourceGroupDuplicate => (403, "InvalidResourceGroup.Duplicate", "The ResourceId provided has a ResourceGroup in our records."),
    /// JoinResourceGroup's wording of a resource not found.
    InvalidResourceIdNotFoundJoin => (404, "InvalidResourceId.NotFound", "The ResourceId provided does not exist in our records."),
    // ---- TagResources, UntagResources, ListTagResources (docs/sources.md#ecs-tags) ----
    /// The tag calls' wording of a resource not found.
    InvalidResourceIdNotFoundTag => (404, "InvalidResourceId.NotFound", "The specified ResourceIds are not found in our records."),
    NumberExceedResourceIds => (400, "NumberExceed.ResourceIds", "The ResourceIds parameter's number is exceed , Valid : 50"),
    NumberExceedTags => (400, "NumberExceed.Tags", "The Tags parameter's number is exceed , Valid : 20"),
    MissingParameterTags => (404, "MissingParameter.Tags", "The parameter - Tags should not be null"),
    MissingParameterResourceType => (404, "MissingParameter.ResourceType", "The parameter - ResourceType should not be null"),
    OperationDeniedQuotaExceed => (400, "OperationDenied.QuotaExceed", "The quota of tags on resource is beyond permitted range."),
    /// A ClientToken over 64 characters or not ASCII (docs/sources.md#ecs-common-errors).
    InvalidClientTokenValueNotSupported => (400, "InvalidClientToken.ValueNotSupported", "The ClientToken provided is invalid."),
    /// An InstanceName that is not 2-128 characters starting with a letter
    /// (docs/sources.md#ecs-runinstances).
    InvalidInstanceNameMalformed => (400, "InvalidInstanceName.Malformed", "The specified parameter \"InstanceName\" is not valid."),
    /// A security group rule Description over 512 characters (docs/sources.md#ecs-security-groups).
    InvalidSecurityGroupRuleDiscriptionMalformed => (400, "InvalidSecurityGroupDiscription.Malformed", "The specified security group rule description is not valid."),
    /// DescribeZones with an unknown InstanceChargeType (docs/sources.md#ecs-zones).
    InvalidInstanceChargeTypeNotFound => (404, "InvalidInstanceChargeType.NotFound", "The InstanceChargeType does not exist in our records"),
    /// DescribeZones with an unknown SpotStrategy (docs/sources.md#ecs-zones).
    InvalidSpotStrategy => (400, "InvalidSpotStrategy", "The specified SpotStrategy is not valid."),
    /// CreateVpc beyond the account's VPCs in the region (docs/sources.md#vpc).
    QuotaExceededVpc => (400, "QuotaExceeded.Vpc", "VPC quota exceeded."),
    /// CreateVpc with a CidrBlock that is not a /8 to /28 network (docs/sources.md#vpc).
    InvalidParameterCidrBlock => (400, "InvalidParameter", "Specified CIDR block is not valid"),
    /// CreateVpc: the source's wording.
    InvalidVpcNameMalformed => (400, "InvalidVpcName.Malformed", "Specified VPC name is not valid."),
    /// CreateVpc: the code is spelled so in the source.
    InvalidVpcDiscriptionMalformed => (400, "InvalidVpcDiscription.Malformed", "Specified VPC description is not valid."),
    /// A VPC the caller does not have in the region (docs/sources.md#vpc).
    InvalidVpcIdNotFound => (404, "InvalidVpcId.NotFound", "Specified VPC does not exist."),
    /// DeleteVpc or CreateVSwitch while the VPC is not Available (docs/sources.md#vpc).
    IncorrectVpcStatus => (400, "IncorrectVpcStatus", "Current VPC status does not support this operation."),
    /// DeleteVpc with vSwitches left (docs/sources.md#vpc).
    DependencyViolationVSwitch => (400, "DependencyViolation.VSwitch", "Specified object has dependent resources"),
    /// DeleteVpc with instances in its vSwitches (docs/sources.md#vpc).
    DependencyViolationInstance => (400, "DependencyViolation.Instance", "Specified object has dependent resources"),
    /// CreateVSwitch with a block outside the VPC's or not /16 to /29 (docs/sources.md#vpc).
    InvalidParameterVSwitchCidrBlock => (400, "InvalidParameter", "Specified CIDR block is not valid in VPC."),
    /// CreateVSwitch overlapping another vSwitch of the VPC (docs/sources.md#vpc).
    InvalidCidrBlockOverlapped => (400, "InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets."),
    /// CreateVSwitch beyond 150 in the VPC (docs/sources.md#vpc).
    QuotaExceededVSwitch => (400, "QuotaExceeded.VSwitch", "Virtual switch quota exceeded."),
    /// CreateVSwitch with a bad name: the source gives the code without a message; the
    /// message follows the VPC's (*inferred*).
    InvalidVSwitchNameMalformed => (400, "InvalidVSwitchName.Malformed", "Specified VSwitch name is not valid."),
    /// CreateVSwitch with a bad description (docs/sources.md#vpc).
    InvalidDescriptionMalformedVSwitch => (400, "InvalidDescription.Malformed", "Invalid description."),
    /// A zone that is not of the region (docs/sources.md#vpc).
    InvalidZoneIdNotFound => (404, "InvalidZoneId.NotFound", "The specified zone does not exist."),
    /// A vSwitch the caller does not have in the region (docs/sources.md#vpc).
    InvalidVSwitchIdNotFound => (404, "InvalidVSwitchId.NotFound", "Specified virtual switch does not exist."),
    /// DeleteVSwitch, or a launch into a vSwitch, while it is not Available
    /// (docs/sources.md#vpc).
    IncorrectVSwitchStatus => (400, "IncorrectVSwitchStatus", "vpc subnet status not working."),
    /// DeleteVSwitch with instances in it (docs/sources.md#vpc).
    DependencyViolation => (400, "DependencyViolation", "Specified object has dependent resources."),
    /// AttachKeyPair/DetachKeyPair `InstanceIds` that is not a JSON array of 1-50 IDs
    /// (docs/sources.md#ecs-attachkeypair).
    InvalidInstanceIdsValueNotSupported => (400, "InvalidInstanceIds.ValueNotSupported", "The specified parameter InstanceIds is not valid."),

    // ---- CopyImage (docs/sources.md#ecs-copyimage) ----
    DestinationRegionNotFound => (400, "DestinationRegion.NotFound", "The destination region not found."),
    IncorrectImageStatusCopy => (400, "IncorrectImageStatus", "The image not available."),
    InvalidImageNameDuplicatedCopy => (400, "InvalidImageName.Duplicated", "The specified image name is already in use in the target region. Please try a different one."),
    InvalidImageNameMalformedCopy => (400, "InvalidImageName.Malformed", "The specified destination image name is wrongly formed."),
    InvalidDescriptionMalformedCopy => (400, "InvalidDescription.Malformed", "The specified destination description is wrongly formed."),
    InvalidParameterEncryptedIllegal => (400, "InvalidParameter.EncryptedIllegal", "The specified parameter Encrypted must be true when kmsKeyId is not empty."),
    OperationDeniedCommunityImage => (400, "OperationDenied.CommunityImage", "Community image does not support copy."),
    OperationDeniedImageCopyConflict => (400, "OperationDenied.ImageCopyConflict", "The same image cannot be copied concurrently. Please wait until the last copy is completed before performing the next operation."),
    OperationDeniedSameRegionOnly => (403, "OperationDenied.SameRegionOnly", "The image shared from others can not be copied to another region directly."),

    // ---- CancelCopyImage (docs/sources.md#ecs-cancelcopyimage) ----
    ImageCreatedNotFromCopy => (400, "ImageCreatedNotFromCopy", "The specified image is not the target image of a copy action."),
    IncorrectImageStatusNotCopying => (400, "IncorrectImageStatus", "The specified snapshot is not coping."),

    // ---- ModifyImageAttribute (docs/sources.md#ecs-modifyimageattribute) ----
    ImageUseSharedDeprecate => (403, "ImageUseShared", "The specified image has been shared to others, please remove shared accounts first."),
    ImageStatusNotAvailable => (403, "ImageStatus.NotAvailable", "The specified image status is not available."),
    ImageStatusNotDeprecated => (403, "ImageStatus.NotDeprecated", "The specified image status is not deprecated."),
    InvalidImageFamilyMalformed => (400, "InvalidImageFamily.Malformed", "The specified parameter \"ImageFamily\" is malformed."),
    InvalidBootModeNotSupport => (400, "InvalidBootMode.NotSupport", "The specified parameter BootMode is not supported."),
    InvalidLicenseTypeNotSupported => (400, "InvalidLicenseType.NotSupported", "The specified parameter LicenseType is not supported."),
    OperationDeinedImageUsingByInstance => (403, "OperationDeined.ImageUsingByInstance", "The boot mode of the image cannot be modified because it has associated instances."),

    // ---- ResourceSharing 2020-01-10 (docs/sources.md#resource-sharing, typos kept) ----
    MissingParameterResourceShareName => (400, "MissingParameter.ResourceShareName", "You must specify ResourceShareName."),
    InvalidParameterResourceShareName => (400, "InvalidParameter.ResourceShareName", "The ResourceShareName is invalid."),
    InvalidParameterResourceShareNameLength => (400, "InvalidParameter.ResourceShareName.Length", "The maximum length of ResourceShareName exceeds 50 characters."),
    InvalidParameterResources => (400, "InvalidParameter.Resources", "The Resources is invalid."),
    InvalidParameterResourcesDuplicate => (400, "InvalidParameter.Resources.Duplicate", "The Resources contains duplicate values."),
    InvalidParameterResourcesLength => (400, "InvalidParameter.Resources.Length", "The maximum number of Resources exceeds 5."),
    InvalidParameterTargets => (400, "InvalidParameter.Targets", "The Targets is invalid."),
    InvalidParameterTargetsDuplicate => (400, "InvalidParameter.Targets.Duplicate", "The Targets contains duplicate values."),
    InvalidParameterTargetsLength => (400, "InvalidParameter.Targets.Length", "The maximum number of Targets exceeds 5."),
    InvalidTarget => (400, "InvalidTarget", "The shared target does not exist in the resource directory."),
    /// ResourceSharing's generic wording.
    InvalidParameterGeneric => (400, "InvalidParameter", "The specified parameter is invalid."),
    InvalidParameterResourceType => (400, "InvalidParameter.ResourceType", "The ResourceType is invalid."),
    /// TargetProperties (service principals only) are not modelled by the mock.
    InvalidParameterTargetProperties => (400, "InvalidParameter.TargetProperties", "The TargetProperties is invalid."),
    InvalidParameterPermissionNamesDuplicate => (400, "InvalidParameter.PermissionNames.Duplicate", "The PermissionNames duplicate values."),
    EntityNotExistsPermission => (404, "EntityNotExists.Permission", "The resource share permission does not exist."),
    NotEnableSharingWithResourceDirectory => (409, "NotEnableSharingWithResourceDirectory", "You have not enabled sharing with your Resource Directory."),
    AccountNotInResourceDirectory => (409, "AccountNotInResourceDirectory", "The account is not a master or a member of a resource directory."),
    ShareWithYourself => (409, "ShareWithYourself", "You cannot share resources with yourself."),
    InvalidTargetSiteMismatch => (409, "InvalidTarget.SiteMismatch", "Cross-site resource sharing is not supported."),
    MissingParameterResourceShareId => (400, "MissingParameter.ResourceShareId", "You must specify ResourceShareId."),
    EntityNotExistsResourceShare => (404, "EntityNotExists.ResourceShare", "The resource share does not exist in the current account."),
    ResourceShareStatusMismatchAction => (409, "ResourceShareStatusMismatchAction", "The status of the resource share does not allow the specified operation."),
    DeleteResourceShareConflict => (409, "DeleteResourceShareConflict", "You cannot delete a resource share while there are unfinished tasks."),
    ResourceAndTargetBothEmpty => (400, "ResourceAndTargetBothEmpty", "Either a resource or a shared target must be specified."),
    AssociateConflict => (409, "AssociateConflict", "You cannot perform the operation while disassociation operation is being performed."),
    DisassociateInvalid => (400, "DisassociateInvalid", "You can not disassociate unassociated resource or target."),
    DisassociateConflict => (409, "DisassociateConflict", "You cannot perform the operation while association is already in progress."),
    LeavingFailedAccount => (409, "LeavingFailed.Account", "The account was added to the resource share automatically by resoucre directory."),
    MissingParameterResourceOwner => (400, "MissingParameter.ResourceOwner", "You must specify ResourceOwner."),
    InvalidParameterResourceOwner => (400, "InvalidParameter.ResourceOwner", "The ResourceOwner is invalid."),
    InvalidParameterResourceShareStatus => (400, "InvalidParameter.ResourceShareStatus", "The ResourceShareStatus is invalid."),
    InvalidParameterMaxResults => (400, "InvalidParameter.MaxResults", "The MaxResults is invalid."),
    InvalidParameterNextToken => (400, "InvalidParameter.NextToken", "The NextToken is invalid."),
    InvalidParameterNextTokenLength => (400, "InvalidParameter.NextToken.Length", "The maximum length of NextToken exceeds 256 characters."),
    InvalidParameterResourceShareIdsDuplicate => (400, "InvalidParameter.ResourceShareIds.Duplicate", "The ResourceShareIds contains duplicate values."),
    InvalidParameterResourceShareIdsLength => (400, "InvalidParameter.ResourceShareIds.Length", "The maximum length of ResourceShareIds exceeds 5 characters."),
    InvalidParameterResourceIdsDuplicate => (400, "InvalidParameter.ResourceIds.Duplicate", "The specified ResourceId contains duplicate values."),
    InvalidParameterResourceIdsLength => (400, "InvalidParameter.ResourceIds.Length", "The maximum number of ResourceIds (5) is exceeded."),
    MissingParameterAssociationType => (400, "MissingParameter.AssociationType", "You must specify AssociationType."),
    InvalidParameterAssociationType => (400, "InvalidParameter.AssociationType", "The AssociationType is invalid."),
    InvalidParameterAssociationStatus => (400, "InvalidParameter.AssociationStatus", "The AssociationStatus is invalid."),
    ConflictedAssociationType => (400, "ConflictedAssociationType", "The specified ResourceId or Target conflicts with AssociationType."),
    MissingParameterResourceShareInvitationId => (400, "MissingParameter.ResourceShareInvitationId", "You must specify ResourceShareInvitationId."),
    EntityNotExistsResourceShareInvitation => (409, "EntityNotExists.ResourceShareInvitation", "The resource share invitation does not exist in the current account."),
    InvitationStatusExpired => (409, "InvitationStatus.Expired", "The resource share invitation status is expired."),
    InvitationStatusAlreadyRejected => (409, "InvitationStatus.AlreadyRejected", "The resource share invitation status is rejected."),
    InvitationStatusAlreadyAccepted => (409, "InvitationStatus.AlreadyAccepted", "The resource share invitation status is alredy accepted."),
    ActionNotPermitted => (409, "ActionNotPermitted", "The caller must be the master account for the Resource Directory."),
    AlreadyEnabled => (409, "AlreadyEnabled", "You have already enabled sharing with the Resource Directory."),
    MissingParameterPermissionName => (400, "MissingParameter.PermissionName", "You must specify PermissionName."),
    InvalidParameterPermissionVersion => (400, "InvalidParameter.PermissionVersion", "The PermissionVersion is invalid."),

    // ---- ResourceManager 2020-03-31, Resource Directory (docs/sources.md#resource-directory) ----
    ResourceDirectoryNotInUse => (404, "ResourceDirectoryNotInUse", "The specified account is not an Alibaba Cloud account or a member account of the resource directory."),
    EntityNotExistsResourceDirectory => (404, "EntityNotExists.ResourceDirectory", "The resource directory for the account is not enabled. We recommend that you first enable the resource directory for the account."),
    EntityAlreadyExistsResourceDirectory => (409, "EntityAlreadyExists.ResourceDirectory", "The resource directory for the account is already enabled. We recommend that you do not enable the resource directory again."),
    /// EnableResourceDirectory's wording.
    NotSupportAccountInAnotherResourceDirectory => (409, "NotSupport.AccountInAnotherResourceDirectory", "The specified account is an Alibaba Cloud account or already exists in another resource directory."),
    /// InviteAccountToResourceDirectory's and AcceptHandshake's wording.
    NotSupportAccountInAnotherResourceDirectoryInvite => (409, "NotSupport.AccountInAnotherResourceDirectory", "Your account is a management account for another resource directory or a member of another resource directory."),
    InvalidParameterManagementAccountName => (409, "InvalidParameter.ManagementAccountName", "The management account name is in the wrong format."),
    InvalidParameterParentFolderId => (400, "InvalidParameter.ParentFolderId", "The ParentFolderId is invalid."),
    MissingParameterFolderName => (400, "MissingParameter.Folder.Name", "You must specify the resource folder name."),
    InvalidParameterFolderName => (400, "InvalidParameter.Folder.Name", "The Name of folder is invalid."),
    InvalidParameterFolderNameLength => (400, "InvalidParameter.Folder.Name.Length", "The Name of folder exceeds the length limit."),
    InvalidParameterFolderNameAlreadyUsed => (400, "InvalidParameter.Folder.Name.AlreadyUsed", "The name already exists under the same parent. Please change to another name."),
    EntityNotExistsFolder => (404, "EntityNotExists.Folder", "The resource directory folder does not exist."),
    LimitExceededFolderDepth => (409, "LimitExceeded.Folder.Depth", "The folder depth exceeds the limit of 5."),
    MissingParameterFolderId => (400, "MissingParameter.FolderId", "You must specify FolderId."),
    InvalidParameterFolderId => (400, "InvalidParameter.FolderId", "The FolderId is invalid."),
    DeleteConflictFolderSubFolder => (409, "DeleteConflict.Folder.SubFolder", "This folder has sub folders."),
    DeleteConflictFolderAccount => (409, "DeleteConflict.Folder.Account", "This folder has accounts."),
    MissingParameterAccountDisplayName => (400, "MissingParameter.Account.DisplayName", "You must specify DisplayName."),
    InvalidParameterAccountDisplayName => (400, "InvalidParameter.Account.DisplayName", "The DisplayName of account is invalid."),
    InvalidParameterAccountDisplayNameLength => (400, "InvalidParameter.Account.DisplayName.Length", "The DisplayName of the account exceeds the length limit."),
    InvalidParameterAccountDisplayNameAlreadyUsed => (409, "InvalidParameter.Account.DisplayName.AlreadyUsed", "The displayname of account has been used."),
    InvalidParameterAccountNamePrefix => (400, "InvalidParameter.Account.AccountNamePrefix", "The account name prefix is invalid."),
    InvalidParameterAccountNamePrefixLength => (400, "InvalidParameter.Account.AccountNamePrefix.Length", "The account name prefix exceeds the length limit."),
    MissingParameterTargetEntity => (400, "MissingParameter.TargetEntity", "You must specify TargetEntity."),
    InvalidParameterTargetEntity => (400, "InvalidParameter.TargetEntity", "The TargetEntity is invalid."),
    MissingParameterTargetType => (400, "MissingParameter.TargetType", "You must specify TargetType."),
    InvalidParameterTargetType => (400, "InvalidParameter.TargetType", "The TargetType is invalid."),
    InvalidParameterNoteLength => (400, "InvalidParameter.Note.Length", "The length of the invitation note exceeds the limit."),
    EntityAlreadyExistsHandshake => (409, "EntityAlreadyExists.Handshake", "Handshakes with the same target entity already exist."),
    MissingParameterHandshakeId => (400, "MissingParameter.HandshakeId", "You must specify HandshakeId."),
    EntityNotExistsHandshake => (404, "EntityNotExists.Handshake", "The specified handshake does not exist."),
    HandshakeStatusMismatch => (409, "HandshakeStatusMismatch", "The invitation is invalid."),
    MissingParameterAccountId => (400, "MissingParameter.AccountId", "You must specify AccountId."),
    InvalidParameterAccountId => (400, "InvalidParameter.AccountId", "The AccountId is invalid."),
    EntityNotExistsAccount => (404, "EntityNotExists.Account", "This resource directory account does not exist."),
    AccountTypeMismatch => (409, "AccountTypeMismatch", "The type or status of the member account cannot satisfy the current operation."),
    EntityNotExistsCheckAccount => (409, "EntityNotExists.CheckAccount", "There is no check task for this account"),
    DeleteConflictResourceDirectoryAccount => (409, "DeleteConflict.ResourceDirectory.Account", "Failed to delete the resource directory because one or more member accounts exist. We recommend that you first remove these member accounts."),
    /// Code and message inferred (by analogy with the Account row): the reference lists the
    /// precondition only.
    DeleteConflictResourceDirectoryFolder => (409, "DeleteConflict.ResourceDirectory.Folder", "Failed to delete the resource directory because one or more folders exist. We recommend that you first delete these folders."),
    MissingParameterDestinationFolderId => (400, "MissingParameter.DestinationFolderId", "You must specify DestinationFolderId."),
    InvalidParameterDestinationFolderId => (400, "InvalidParameter.DestinationFolderId", "The DestinationFolderId is invalid."),
    AccountTypeOrStatusMismatch => (409, "AccountTypeOrStatusMismatch", "You cannot perform the action on the member account."),

    // ---- Quota Center 2020-05-10 (docs/sources.md#quota-center) ----
    QuotaNotFound => (400, "QUOTA.NOT.FOUND", "The quota does not exist."),
    InvalidDesireValue => (400, "InvalidDesireValue", "Invalid DesireValue"),
    QuotaDesireValueIllegal => (400, "QUOTA.DESIREVALUE.ILLEGAL", "The applied quota value is invalid."),
    QuotaApplicationProcess => (400, "QUOTA.APPLICATION.PROCESS", "The quota adjustment application is being processed. Please try again later."),
    InvalidNoticeType => (400, "InvalidNoticeType", "Invalid NoticeType"),
    InvalidStatus => (400, "InvalidStatus", "Invalid Status"),
    QuotaApplicationNotFound => (400, "QUOTA.APPLICATION.NOT.FOUND", "Quota application does not exist"),
    InvalidMaxResultsQuota => (400, "INVALID.MAX.RESULTS", "The maxResults parameter is invalid. Use an integer ranging from 1 to 100."),
    InvalidSortOrder => (400, "InvalidSortOrder", "Invalid SortOrder"),

    // ---- RAM 2015-05-01 (docs/sources.md#ram). Codes and statuses from the legacy
    // docs; the messages marked "inferred" are not in the reference. ----
    EntityAlreadyExistsRole => (409, "EntityAlreadyExists.Role", "The role does already EXIST."),
    // RAM users and keys: the RAM error-message reference (docs/sources.md#ram-users).
    EntityAlreadyExistsUser => (409, "EntityAlreadyExists.User", "The user does already EXIST."),
    EntityNotExistUser => (404, "EntityNotExist.User", "The user does not exist."),
    EntityNotExistUserAccessKey => (404, "EntityNotExist.User.AccessKey", "The user access key does not exist."),
    DeleteConflictUserAccessKey => (409, "DeleteConflict.User.AccessKey", "The user CAN NOT has any access key while deleting the user."),
    DeleteConflictUserPolicy => (409, "DeleteConflict.User.Policy", "The user CAN NOT has any attached policy while deleting the user."),
    EntityAlreadyExistsUserPolicy => (409, "EntityAlreadyExists.User.Policy", "The user has already been attached this policy."),
    EntityNotExistUserPolicy => (404, "EntityNotExist.User.Policy", "The indicate policy of the user does not exist."),
    LimitExceededUserPolicy => (409, "LimitExceeded.User.Policy", "The policy count of the user attached policies beyond the current limits."),
    LimitExceededUser => (409, "LimitExceeded.User", "The count of users beyond the current limits."),
    LimitExceededUserAccessKey => (409, "LimitExceeded.User.AccessKey", "The access key count of the user access keys beyond the current limits."),
    InvalidParameterUserNameInvalidChars => (400, "InvalidParameter.UserName.InvalidChars", "The parameter - \"UserName\" contains invalid chars."),
    InvalidParameterUserNameLength => (400, "InvalidParameter.UserName.Length", "The parameter - \"UserName\" beyond the length limit."),
    InvalidParameterDisplayNameLength => (400, "InvalidParameter.DisplayName.Length", "The parameter - \"DisplayName\" beyond the length limit."),
    InvalidParameterCommentsLength => (400, "InvalidParameter.Comments.Length", "The parameter - \"Comments\" beyond the length limit."),
    InvalidParameterDescriptionLength => (400, "InvalidParameter.Description.Length", "The parameter - \"Description\" beyond the length limit."),
    InvalidParameterEmailFormat => (400, "InvalidParameter.Email.Format", "The format of the parameter - \"Email\" is incorrect."),
    EntityNotExistRole => (404, "EntityNotExist.Role", "The role does not exist."),
    DeleteConflictRolePolicy => (409, "DeleteConflict.Role.Policy", "The role CAN NOT has any attached policy while deleting the role."),
    /// Message inferred.
    InvalidParameterRoleNameInvalidChars => (400, "InvalidParameter.RoleName.InvalidChars", "The parameter - RoleName contains invalid chars."),
    /// Message inferred.
    InvalidParameterRoleNameLength => (400, "InvalidParameter.RoleName.Length", "The length of parameter - RoleName is beyond the limit."),
    /// Message inferred.
    MalformedPolicyDocument => (400, "MalformedPolicyDocument", "The policy document is malformed."),
    /// Message inferred.
    InvalidParameterAssumeRolePolicyDocumentLength => (400, "InvalidParameter.AssumeRolePolicyDocument.Length", "The length of parameter - AssumeRolePolicyDocument is beyond the limit."),
    /// Code seen in client code; status and message inferred.
    EntityAlreadyExistsRolePolicy => (409, "EntityAlreadyExists.Role.Policy", "The policy is already attached to the role."),
    /// Code seen in client code; status and message inferred.
    EntityNotExistPolicy => (404, "EntityNotExist.Policy", "The policy does not exist."),
    /// Code seen in client code; status and message inferred.
    EntityNotExistRolePolicy => (404, "EntityNotExist.Role.Policy", "The policy is not attached to the role."),
    /// The RAM error-message reference's wording.
    InvalidParameterPolicyType => (400, "InvalidParameter.PolicyType", "The parameter - \"PolicyType\" is incorrect."),

    // ---- STS 2015-04-01 AssumeRole (docs/sources.md#sts) ----
    NoPermissionRoot => (403, "NoPermission", "Roles may not be assumed by root accounts."),
    NoPermissionSts => (403, "NoPermission", "You are not authorized to do this action. You should be authorized by RAM."),
    InvalidParameterRoleArn => (400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed."),
    InvalidParameterRoleSessionName => (400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed."),
    InvalidParameterDurationSeconds => (400, "InvalidParameter.DurationSeconds", "The Min/Max value of DurationSeconds is 15min/1hr."),
    InvalidParameterPolicyGrammar => (400, "InvalidParameter.PolicyGrammar", "The parameter Policy has not passed grammar check."),
    InvalidParameterPolicySize => (400, "InvalidParameter.PolicySize", "The size of Policy must be smaller than 1024 bytes."),
    /// STS's wording (RAM's is "The role does not exist.").
    EntityNotExistRoleSts => (404, "EntityNotExist.Role", "The specified Role not exists."),

    // ---- Simple Application Server 2020-06-01 (docs/sources.md#swas); message inferred ----
    InvalidParamOperationIllegal => (400, "InvalidParam.OperationIllegal", "The specified parameter Operation is illegal."),
    // The service's public error-code page (docs/sources.md#swas).
    CustomImageInShare => (400, "CustomImageInShare", "The custom image is being shared. Please disable sharing first and then delete it."),
    CustomImageQuotaLimit => (400, "CustomImageQuotaLimit", "The maximum number of custom image in this region is exceeded."),
    ImageNameAlreadyExist => (400, "ImageNameAlreadyExist", "The image name already exists."),

    // ---- ECS instances (docs/sources.md#ecs-runinstances) ----
    OperationDeniedImageNotValid => (403, "OperationDenied.ImageNotValid", "The specified Image is disabled or is deleted."),
    /// Past the mock's instances per account and region.
    QuotaExceedElasticQuota => (403, "QuotaExceed.ElasticQuota", "The number of the specified ECS instances has exceeded the quota of the specified instance type."),
    InvalidInstanceTypeValueNotSupported => (400, "InvalidInstanceType.ValueNotSupported", "The specified InstanceType does not exist or beyond the permitted range."),
    // ---- ECS key pairs (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-importkeypair
    // and -createkeypair, -deletekeypairs) ----
    /// The reference lists it for ImportKeyPair; CreateKeyPair's name rule is the same.
    InvalidKeyPairNameMalformed => (400, "InvalidKeyPairName.Malformed", "Specified Key Pair name is not valid."),
    QuotaExceedKeyPair => (403, "QuotaExceed.KeyPair", "The key pair quota exceeds."),
    KeyPairAlreadyExist => (400, "KeyPair.AlreadyExist", "The key pair already exist."),
    InvalidPublicKeyBodyMalformed => (400, "InvalidPublicKeyBody.Malformed", "The PublicKeyBody format is not supported."),
    InvalidKeyPairNamesValueNotSupported => (400, "InvalidKeyPairNames.ValueNotSupported", "The specified parameter \"KeyPairNames\" is not valid."),
    // ---- ECS disks and snapshots (docs/sources.md#ecs-disks-snapshots) ----
    CategoryNotSupported => (403, "CategoryNotSupported", "The specified zone does not offer the specified disk category."),
    InvalidSystemDiskSizeLessThanImageSize => (404, "InvalidSystemDiskSize.LessThanImageSize", "The specified parameter SystemDisk.Size is less than the image size."),
    InvalidDiskIdNotFound => (404, "InvalidDiskId.NotFound", "The specified DiskId does not exist."),
    InvalidSnapshotNameMalformed => (400, "InvalidSnapshotName.Malformed", "The specified SnapshotName is wrongly formed."),
    /// CreateSnapshot's row has 404, unlike CreateImage's 400.
    InvalidDescriptionMalformedSnapshot => (404, "InvalidDescription.Malformed", "The specified description is wrongly formed."),
    IncorrectDiskStatusNeverUsed => (403, "IncorrectDiskStatus.NeverUsed", "The specified disk has never been used after creating."),
    /// CreateSnapshot's row has 400, unlike the instance calls' 403.
    IncorrectInstanceStatusSnapshot => (400, "IncorrectInstanceStatus", "The current status of the resource does not support this operation."),
    IncorrectDiskStatusCreatingSnapshot => (403, "IncorrectDiskStatus.CreatingSnapshot", "A previous snapshot creation is in process."),
    QuotaExceedSnapshot => (403, "QuotaExceed.Snapshot", "The snapshot quota exceeds."),
    SnapshotCreatedImage => (403, "SnapshotCreatedImage", "The snapshot has been used to create user defined image(s)."),
    InvalidSnapshotIdsMalformed => (403, "InvalidSnapshotIds.Malformed", "The amount of specified specified snapshot Ids exceeds the limit."),
    InvalidStatusNotFound => (404, "InvalidStatus.NotFound", "The specified Status is not found"),
    InvalidUsageSnapshot => (404, "InvalidUsage", "The specifed Usage is not valid"),
    InvalidSourceDiskType => (404, "InvalidSourceDiskType", "The specifed SourceDiskType is not valid"),
    InvalidSnapshotTypeNotFound => (404, "InvalidSnapshotType.NotFound", "The specfied SnapshotType is not found"),
    InvalidDiskTypeValueNotSupported => (400, "InvalidDiskType.ValueNotSupported", "The specified disk type is not supported."),
    InvalidCategoryValueNotSupported => (400, "InvalidCategory.ValueNotSupported", "The specified disk category is not supported."),
    InvalidStatusValueNotSupported => (400, "InvalidStatus.ValueNotSupported", "The specified disk status is not supported."),
    InvalidDiskIdsMalformed => (403, "InvalidDiskIds.Malformed", "The amount of specified disk Ids exceeds the limit."),
    // ---- AllocatePublicIpAddress (docs/sources.md#ecs-instances) ----
    /// An `IpAddress` named by a caller that is not allow-listed to choose one.
    InvalidIpAddressMalformed => (400, "InvalidIpAddress.Malformed", "The specified parameter \"IpAddress\" is not valid."),
    AllocatedAlready => (403, "AllocatedAlready", "There is an IpAddress allocated already for the specified instance."),
    AllocateIpInvalidInstanceBandwidth => (400, "AllocateIpInvalidInstanceBandwidth", "OperationDenied The InternetMaxBandwidthOut of the specified instance cannot be less than 0."),
    /// A VPC instance with an EIP bound.
    OperationDeniedInVpc => (400, "OperationDenied", "Specified operation is denied as your instance is in VPC."),

    // ---- codes tests inject as faults (common error codes of every Alibaba API) ----
    Throttling => (400, "Throttling", "Request was denied due to request throttling."),
    ThrottlingUser => (400, "Throttling.User", "Request was denied due to user flow control."),
    ThrottlingApi => (400, "Throttling.Api", "Request was denied due to request throttling."),
    ServiceUnavailable => (503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."),
    InternalError => (500, "InternalError", "The request processing has failed due to some unknown error."),
    ForbiddenRam => (403, "Forbidden.RAM", "User not authorized to operate on the specified resource, or this API doesn't support RAM."),
    /// HTTP framing the server cannot parse (a bad request line, header or chunk).
    /// Mock-specific, like the body limit: the gateway's answer is not documented.
    BadRequest => (400, "BadRequest", "The request is not valid HTTP/1.1."),
    /// A request target over the HTTP parser's 64 KiB limit. Mock-specific.
    UriTooLong => (414, "URITooLong", "The request URI is longer than this mock's HTTP limit of 65534 bytes."),
    /// More than 100 header fields, or headers over the parser's buffer. Mock-specific.
    RequestHeaderFieldsTooLarge => (431, "RequestHeaderFieldsTooLarge", "The request has more header fields, or longer ones, than this mock's HTTP limits allow."),
}
templated {
    /// A mandatory parameter is absent.
    MissingParameter(name: String) => (400, "MissingParameter", "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."),
    /// A parameter value the API does not accept. The documentation gives the message as a
    /// template; the ECS wording with the parameter's name is used.
    /// The import, export and task calls' wording.
    MissingParameterInput(name: String) => (400, "MissingParameter", "An input parameter \"{name}\" that is mandatory for processing the request is not supplied."),
    /// JoinResourceGroup's missing parameters are 403.
    MissingParameterJoin(name: String) => (403, "MissingParameter", "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."),
    InvalidParameter(name: String) => (400, "InvalidParameter", "The specified parameter \"{name}\" is not valid."),
    /// The signature does not verify; the message ends in the server's string to sign after
    /// a colon: the legacy Python SDK splits on `:` and compares it with its own.
    SignatureDoesNotMatch(string_to_sign: String) => (400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"),
    /// ModifyImageSharePermission: an AddAccount/RemoveAccount that is no account (2025 wording).
    InvalidAccountNotFound(account: String) => (404, "InvalidAccount.NotFound", "The specified account {account} in parameter \"AddAccount.n\" or \"RemoveAccount.n\" does not exist."),
    /// A Marketplace-derived image to accounts of the other site (2025 wording).
    InvalidImageIdBidMismatch(accounts: String) => (403, "InvalidImageId.BidMismatch", "Cannot share the image with users {accounts} of other sites."),
    /// Request body over the server's limit. Mock-specific: the gateway's behaviour is not
    /// documented.
    RequestEntityTooLarge(limit: usize) => (413, "RequestEntityTooLarge", "The request body is larger than this mock's limit of {limit} bytes."),
    /// Request body not received in time. Mock-specific, like the body limit.
    RequestTimeout(ms: u128) => (408, "RequestTimeout", "The request body did not arrive within this mock's limit of {ms} ms."),
}
}

impl ApiError {
    /// The status and message of a code in the table, if the table has it as a fixed row (the
    /// first such row, for the few codes whose message differs by action).
    pub fn known(code: &str) -> Option<(u16, &'static str)> {
        FIXED
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|&(_, status, message)| (status, message))
    }

    /// An error with any code, message and status (faults, stubs, rare codes).
    pub fn custom(code: impl Into<String>, message: impl Into<String>, status: u16) -> Self {
        ApiError::Custom {
            code: code.into(),
            message: message.into(),
            status,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code(), self.status(), self.message())
    }
}

impl std::error::Error for ApiError {}

/// Why the library refused a control call: a fault rule, a stub mapping or a fixture
/// directory. The message names the field at fault, as the control API's 400 answers do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ControlError {
    Fault(String),
    Stub(String),
    Fixtures(String),
}

impl ControlError {
    pub fn message(&self) -> &str {
        match self {
            ControlError::Fault(m) | ControlError::Stub(m) | ControlError::Fixtures(m) => m,
        }
    }
}

impl fmt::Display for ControlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ControlError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_mismatch_message_has_the_string_to_sign_after_a_colon() {
        let e = ApiError::SignatureDoesNotMatch("GET&%2F&A%3DB".into());
        assert_eq!(e.status(), 400);
        // The legacy Python SDK does Message.split(':')[1] and compares it with its own string.
        assert_eq!(e.message().split(':').nth(1), Some("GET&%2F&A%3DB"));
    }

    #[test]
    fn statuses_codes_and_messages_follow_the_reference() {
        assert_eq!(ApiError::InvalidActionNotFound.status(), 404);
        assert_eq!(ApiError::InvalidAccessKeyIdNotFound.status(), 404);
        assert_eq!(ApiError::InvalidTimeStampExpired.status(), 400);
        let e = ApiError::MissingParameter("RegionId".into());
        assert_eq!((e.status(), e.code()), (400, "MissingParameter"));
        assert_eq!(
            e.message(),
            "The input parameter \"RegionId\" that is mandatory for processing this request is not supplied."
        );
        let e = ApiError::InvalidAccountForbbiden;
        assert_eq!((e.status(), e.code()), (404, "InvalidAccount.Forbbiden"));
        let e = ApiError::InvalidAccountNotFound("123".into());
        assert_eq!(e.status(), 404);
        assert_eq!(
            e.message(),
            "The specified account 123 in parameter \"AddAccount.n\" or \"RemoveAccount.n\" does not exist."
        );
        let e = ApiError::custom(
            "Throttling.User",
            "Request was denied due to user flow control.",
            429,
        );
        assert_eq!((e.status(), e.code()), (429, "Throttling.User"));
    }

    #[test]
    fn fault_codes_take_their_status_and_message_from_the_table() {
        assert_eq!(
            ApiError::known("ServiceUnavailable"),
            Some((
                503,
                "The request has failed due to a temporary failure of the server."
            ))
        );
        assert_eq!(
            ApiError::known("InvalidAccount.Forbbiden"),
            Some((404, "The specified Account does not yourself."))
        );
        assert_eq!(ApiError::known("No.Such.Code"), None);
        // Template rows are not defaults for faults: their message needs a value.
        assert_eq!(ApiError::known("SignatureDoesNotMatch"), None);
    }

    #[test]
    fn every_row_has_an_error_status_and_a_message() {
        for (code, status, message) in FIXED {
            assert!((400..=599).contains(status), "{code}: {status}");
            assert!(!code.is_empty() && !message.is_empty(), "{code}");
        }
        assert!(FIXED.len() > 150);
    }
}
