"""The cases as tested views over the facts (and the reference tables).

STUB — being written by the lead. Contract (every table row carries fact_id / source):

vietnam_2025() -> CaseView with DataFrames
    .units          level, label_en, label_vi, before, after, change, change_pct, fact_ids
    .commune_types  type, label_en, label_vi, count, fact_id, source
    .provinces      the 34 units (reference table): code, name, type, merged, predecessors,
                    area_km2, population, communes, wards, special_zones, source, confidence
    .mapping        63 -> 34
    .operations     staffing / dossiers / tasks facts: fact_id, topic, quantity_en,
                    quantity_vi, number, unit_en, unit_vi, qualifier, source
    .timeline       date, year, event_en, event_vi, fact_id, source
huzhou_pension(), chongqing_hukou() -> CaseView
    .timeline       date, year, level ('local' | 'central'), event_en, event_vi, fact_id, source
    .coverage       fact rows
    .lead           local_event, central_event, local_year, central_year, years_ahead
local_initiative_timeline() -> DataFrame (both cases + central milestones, column `case`)
china_digital_government() -> CaseView
    .stages .milestones .indicators .survey_gaps .websites .tiers
model_matrix() -> DataFrame: dimension, dimension_en, dimension_vi, vn_en, vn_vi, cn_en,
    cn_vi, vn_fact_ids, cn_fact_ids
"""
