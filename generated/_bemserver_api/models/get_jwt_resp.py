from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.get_jwt_resp_status import GetJWTRespStatus, check_get_jwt_resp_status
from ..types import UNSET, Unset

T = TypeVar("T", bound="GetJWTResp")


@_attrs_define
class GetJWTResp:
    status: GetJWTRespStatus | Unset = UNSET
    access_token: str | Unset = UNSET
    refresh_token: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        access_token = self.access_token

        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if access_token is not UNSET:
            field_dict["access_token"] = access_token
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: GetJWTRespStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_get_jwt_resp_status(_status)

        access_token = d.pop("access_token", UNSET)

        refresh_token = d.pop("refresh_token", UNSET)

        get_jwt_resp = cls(
            status=status,
            access_token=access_token,
            refresh_token=refresh_token,
        )

        return get_jwt_resp
