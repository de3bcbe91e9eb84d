from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="SitesCSVUploadFile")


@_attrs_define
class SitesCSVUploadFile:
    sites_csv: File | Unset = UNSET
    buildings_csv: File | Unset = UNSET
    storeys_csv: File | Unset = UNSET
    spaces_csv: File | Unset = UNSET
    zones_csv: File | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sites_csv: FileTypes | Unset = UNSET
        if not isinstance(self.sites_csv, Unset):
            sites_csv = self.sites_csv.to_tuple()

        buildings_csv: FileTypes | Unset = UNSET
        if not isinstance(self.buildings_csv, Unset):
            buildings_csv = self.buildings_csv.to_tuple()

        storeys_csv: FileTypes | Unset = UNSET
        if not isinstance(self.storeys_csv, Unset):
            storeys_csv = self.storeys_csv.to_tuple()

        spaces_csv: FileTypes | Unset = UNSET
        if not isinstance(self.spaces_csv, Unset):
            spaces_csv = self.spaces_csv.to_tuple()

        zones_csv: FileTypes | Unset = UNSET
        if not isinstance(self.zones_csv, Unset):
            zones_csv = self.zones_csv.to_tuple()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if sites_csv is not UNSET:
            field_dict["sites_csv"] = sites_csv
        if buildings_csv is not UNSET:
            field_dict["buildings_csv"] = buildings_csv
        if storeys_csv is not UNSET:
            field_dict["storeys_csv"] = storeys_csv
        if spaces_csv is not UNSET:
            field_dict["spaces_csv"] = spaces_csv
        if zones_csv is not UNSET:
            field_dict["zones_csv"] = zones_csv

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        if not isinstance(self.sites_csv, Unset):
            files.append(("sites_csv", self.sites_csv.to_tuple()))

        if not isinstance(self.buildings_csv, Unset):
            files.append(("buildings_csv", self.buildings_csv.to_tuple()))

        if not isinstance(self.storeys_csv, Unset):
            files.append(("storeys_csv", self.storeys_csv.to_tuple()))

        if not isinstance(self.spaces_csv, Unset):
            files.append(("spaces_csv", self.spaces_csv.to_tuple()))

        if not isinstance(self.zones_csv, Unset):
            files.append(("zones_csv", self.zones_csv.to_tuple()))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _sites_csv = d.pop("sites_csv", UNSET)
        sites_csv: File | Unset
        if isinstance(_sites_csv, Unset):
            sites_csv = UNSET
        else:
            sites_csv = File(payload=BytesIO(_sites_csv))

        _buildings_csv = d.pop("buildings_csv", UNSET)
        buildings_csv: File | Unset
        if isinstance(_buildings_csv, Unset):
            buildings_csv = UNSET
        else:
            buildings_csv = File(payload=BytesIO(_buildings_csv))

        _storeys_csv = d.pop("storeys_csv", UNSET)
        storeys_csv: File | Unset
        if isinstance(_storeys_csv, Unset):
            storeys_csv = UNSET
        else:
            storeys_csv = File(payload=BytesIO(_storeys_csv))

        _spaces_csv = d.pop("spaces_csv", UNSET)
        spaces_csv: File | Unset
        if isinstance(_spaces_csv, Unset):
            spaces_csv = UNSET
        else:
            spaces_csv = File(payload=BytesIO(_spaces_csv))

        _zones_csv = d.pop("zones_csv", UNSET)
        zones_csv: File | Unset
        if isinstance(_zones_csv, Unset):
            zones_csv = UNSET
        else:
            zones_csv = File(payload=BytesIO(_zones_csv))

        sites_csv_upload_file = cls(
            sites_csv=sites_csv,
            buildings_csv=buildings_csv,
            storeys_csv=storeys_csv,
            spaces_csv=spaces_csv,
            zones_csv=zones_csv,
        )

        return sites_csv_upload_file
