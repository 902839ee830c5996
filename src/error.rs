//! The one Alibaba error type.
//!
//! Every error the mock answers on the API port is an [`ApiError`]. Each variant knows its
//! Alibaba `Code`, its HTTP status and its `Message`, copied from `../shared/reference/`
//! (the section is cited above each group), misspellings included (`Forbbiden`, `Deined`,
//! `bean used`, `coping`, `paramter`). The envelope (`protocol::envelope`) is the only place
//! that turns one into bytes.
//!
//! Where a reference marks a status or message as unconfirmed, the choice made here is
//! commented, so it can be changed in this one file.
//!
//! Scenario and fixture files have their own error type (`scenario::ScenarioError`), with
//! file, line and column; those are never Alibaba errors.

use std::borrow::Cow;
use std::fmt;

/// Declares [`ApiError`]: a table of fixed errors (one line each: status, code, message)
/// plus the variants that carry data, whose text is built in [`ApiError::message`].
macro_rules! api_errors {
    ( $( $(#[$m:meta])* $name:ident => ($status:literal, $code:literal, $msg:literal), )* ) => {
        /// An error answered to an API client in Alibaba's error envelope.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum ApiError {
            $( $(#[$m])* $name, )*
            /// A mandatory parameter is absent. 400 (wire-protocol.md §8).
            MissingParameter(String),
            /// A parameter value the API does not accept. 400. The reference gives the
            /// message as a template (ecs-image-api.md §6); the old ECS wording
            /// `The specified parameter "<Name>" is not valid.` is used with the name.
            InvalidParameter(String),
            /// The signature does not verify. 400; the message ends in the server's string to
            /// sign after a colon: the legacy Python SDK splits on `:` (wire-protocol.md §7.3).
            SignatureDoesNotMatch { string_to_sign: String },
            /// ModifyImageSharePermission: an AddAccount/RemoveAccount that is no account.
            /// 404, 2025 wording with the account (ecs-image-api.md §4.1).
            InvalidAccountNotFound(String),
            /// A Marketplace-derived image to accounts of the other site. 403, 2025 wording.
            InvalidImageIdBidMismatch(String),
            /// Request body over the server's limit. 413. Mock-specific: the gateway's
            /// behaviour is not documented.
            RequestEntityTooLarge { limit: usize },
            /// Any other code: injected faults, stubs and rare codes.
            Custom { code: String, message: String, status: u16 },
        }

        impl ApiError {
            fn fixed(&self) -> Option<(u16, &'static str, &'static str)> {
                match self {
                    $( ApiError::$name => Some(($status, $code, $msg)), )*
                    _ => None,
                }
            }
        }
    };
}

api_errors! {
    // ---- gateway: routing and authentication (wire-protocol.md §8, ecs-image-api.md §6) ----
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
    /// A successful DryRun is reported as this error (ecs-image-api.md §6).
    DryRunOperation => (400, "DryRunOperation", "Request validation has been passed with DryRun flag set."),

    // ---- ECS DescribeRegions (ecs-image-api.md §4.10) ----
    InvalidAcceptLanguageNotFound => (404, "InvalidAcceptLanguage.NotFound", "Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed."),
    InvalidResourceTypeNotFound => (404, "InvalidResourceType.NotFound", "The ResourceType provided does not exist in our records."),
    InvalidInstanceChargeType => (403, "Invalid.InstanceChargeType", "The specified instanceChargeType is not valid."),

    // ---- ECS images, shared by several actions (ecs-image-api.md §4) ----
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

    // ---- ModifyImageSharePermission (ecs-image-api.md §4.1, §5) ----
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

    // ---- DescribeImages (ecs-image-api.md §4.3) ----
    InvalidImageOwnerAliasValueNotSupported => (400, "InvalidImageOwnerAlias.ValueNotSupported", "The specified ImageOwnerAlias value is not supported."),
    /// Sic. Used here for a bad Status value.
    InvalidParamter => (400, "InvalidParamter", "Invalid Parameter."),
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

    // ---- DeleteImage (ecs-image-api.md §4.4, 2025 wording) ----
    ImageUsingByInstance => (403, "ImageUsingByInstance", "The specified image has been used to create instances. You can use the DescribeInstances API to query these instances, or you can use the force parameter to proceed."),
    ImageUseSharedDelete => (403, "ImageUseShared", "The specified image has been shared to others. You can use the DescribeImageSharePermission API to query the users who have been shared."),
    OperationDeniedImageCopying => (403, "OperationDenied.ImageCopying", "The image is being copied. Please use the CancelCopyImage API."),
    ImageIsPublic => (403, "ImageIsPublic", "You can not delete public image, please modify it to private."),

    // ---- CreateImage (ecs-image-api.md §4.5) ----
    MissingImageSource => (400, "MissingParameter", "The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing this request is not supplied."),
    InvalidSnapshotIdNotFound => (404, "InvalidSnapshotId.NotFound", "The specified SnapshotId does not exist."),
    InvalidInstanceIdNotFound => (404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist."),

    // ---- CopyImage (ecs-image-api.md §4.6) ----
    DestinationRegionNotFound => (400, "DestinationRegion.NotFound", "The destination region not found."),
    IncorrectImageStatusCopy => (400, "IncorrectImageStatus", "The image not available."),
    InvalidImageNameDuplicatedCopy => (400, "InvalidImageName.Duplicated", "The specified image name is already in use in the target region. Please try a different one."),
    InvalidImageNameMalformedCopy => (400, "InvalidImageName.Malformed", "The specified destination image name is wrongly formed."),
    InvalidDescriptionMalformedCopy => (400, "InvalidDescription.Malformed", "The specified destination description is wrongly formed."),
    InvalidParameterEncryptedIllegal => (400, "InvalidParameter.EncryptedIllegal", "The specified parameter Encrypted must be true when kmsKeyId is not empty."),
    OperationDeniedCommunityImage => (400, "OperationDenied.CommunityImage", "Community image does not support copy."),
    OperationDeniedImageCopyConflict => (400, "OperationDenied.ImageCopyConflict", "The same image cannot be copied concurrently. Please wait until the last copy is completed before performing the next operation."),
    OperationDeniedSameRegionOnly => (403, "OperationDenied.SameRegionOnly", "The image shared from others can not be copied to another region directly."),

    // ---- CancelCopyImage (ecs-image-api.md §4.7) ----
    ImageCreatedNotFromCopy => (400, "ImageCreatedNotFromCopy", "The specified image is not the target image of a copy action."),
    IncorrectImageStatusNotCopying => (400, "IncorrectImageStatus", "The specified snapshot is not coping."),

    // ---- ModifyImageAttribute (ecs-image-api.md §4.8) ----
    ImageUseSharedDeprecate => (403, "ImageUseShared", "The specified image has been shared to others, please remove shared accounts first."),
    ImageStatusNotAvailable => (403, "ImageStatus.NotAvailable", "The specified image status is not available."),
    ImageStatusNotDeprecated => (403, "ImageStatus.NotDeprecated", "The specified image status is not deprecated."),
    InvalidImageFamilyMalformed => (400, "InvalidImageFamily.Malformed", "The specified parameter \"ImageFamily\" is malformed."),
    InvalidBootModeNotSupport => (400, "InvalidBootMode.NotSupport", "The specified parameter BootMode is not supported."),
    InvalidLicenseTypeNotSupported => (400, "InvalidLicenseType.NotSupported", "The specified parameter LicenseType is not supported."),
    OperationDeinedImageUsingByInstance => (403, "OperationDeined.ImageUsingByInstance", "The boot mode of the image cannot be modified because it has associated instances."),
}

impl ApiError {
    /// The Alibaba error code.
    pub fn code(&self) -> &str {
        if let Some((_, code, _)) = self.fixed() {
            return code;
        }
        match self {
            ApiError::MissingParameter(_) => "MissingParameter",
            ApiError::InvalidParameter(_) => "InvalidParameter",
            ApiError::SignatureDoesNotMatch { .. } => "SignatureDoesNotMatch",
            ApiError::InvalidAccountNotFound(_) => "InvalidAccount.NotFound",
            ApiError::InvalidImageIdBidMismatch(_) => "InvalidImageId.BidMismatch",
            ApiError::RequestEntityTooLarge { .. } => "RequestEntityTooLarge",
            ApiError::Custom { code, .. } => code,
            _ => unreachable!("fixed errors are answered above"),
        }
    }

    /// The HTTP status the real service answers with.
    pub fn status(&self) -> u16 {
        if let Some((status, _, _)) = self.fixed() {
            return status;
        }
        match self {
            ApiError::InvalidAccountNotFound(_) => 404,
            ApiError::InvalidImageIdBidMismatch(_) => 403,
            ApiError::RequestEntityTooLarge { .. } => 413,
            ApiError::Custom { status, .. } => *status,
            _ => 400,
        }
    }

    /// The message, exactly as the real service words it.
    pub fn message(&self) -> Cow<'_, str> {
        if let Some((_, _, msg)) = self.fixed() {
            return Cow::Borrowed(msg);
        }
        Cow::Owned(match self {
            ApiError::MissingParameter(name) => format!(
                "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
            ),
            ApiError::InvalidParameter(name) => format!("The specified parameter \"{name}\" is not valid."),
            ApiError::SignatureDoesNotMatch { string_to_sign } => format!(
                "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
            ),
            ApiError::InvalidAccountNotFound(account) => format!(
                "The specified account {account} in parameter \"AddAccount.n\" or \"RemoveAccount.n\" does not exist."
            ),
            ApiError::InvalidImageIdBidMismatch(accounts) => {
                format!("Cannot share the image with users {accounts} of other sites.")
            }
            ApiError::RequestEntityTooLarge { limit } => {
                format!("The request body is larger than this mock's limit of {limit} bytes.")
            }
            ApiError::Custom { message, .. } => return Cow::Borrowed(message),
            _ => unreachable!("fixed errors are answered above"),
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_mismatch_message_has_the_string_to_sign_after_a_colon() {
        let e = ApiError::SignatureDoesNotMatch {
            string_to_sign: "GET&%2F&A%3DB".into(),
        };
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
}
